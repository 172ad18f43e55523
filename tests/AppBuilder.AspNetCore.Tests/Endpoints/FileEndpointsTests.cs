using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppBuilder.AspNetCore.Tests.TestHost;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class FileEndpointsTests
{
    [Fact]
    public async Task Write_ThenRead_RoundTripsTheText()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path=src/App.tsx", new StringContent("export default () => <p>é</p>;", Encoding.UTF8, "text/plain"));
        var get = await client.GetAsync($"/api/projects/{id}/files/content?path=./src//App.tsx");

        put.StatusCode.Should().Be(HttpStatusCode.NoContent);
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).Should().Be("export default () => <p>é</p>;");
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("src/../../escape.txt")]
    [InlineData("~/x")]
    [InlineData("")]
    public async Task Write_HostilePath_Returns400WithReasonAndWritesNothing(string path)
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path={Uri.EscapeDataString(path)}", new StringContent("pwned"));

        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await put.Content.ReadAsStringAsync()).Should().Contain("is not allowed");
        host.Workspaces.SandboxOf(id).FileSystem.MutationCount.Should().Be(0);
    }

    [Fact]
    public async Task Write_ThroughALinkLeavingTheProject_Returns400AndWritesNothing()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        host.Workspaces.SandboxOf(id).FileSystem.AddEscapingLink("linked");

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path=linked/evil.txt", new StringContent("pwned"));

        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Workspaces.SandboxOf(id).FileSystem.MutationCount.Should().Be(0);
    }

    [Fact]
    public async Task Read_HostilePath_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var get = await client.GetAsync($"/api/projects/{id}/files/content?path=..%2F..%2Fetc%2Fpasswd");

        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Read_MissingFile_Returns404()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var get = await client.GetAsync($"/api/projects/{id}/files/content?path=nope.txt");

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Read_Folder_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PutAsync($"/api/projects/{id}/files/content?path=src/App.tsx", new StringContent("app"))).EnsureSuccessStatusCode();

        var get = await client.GetAsync($"/api/projects/{id}/files/content?path=src");

        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await get.Content.ReadAsStringAsync()).Should().Contain("is a folder");
    }

    [Fact]
    public async Task Write_UnderAFile_Returns400AndKeepsTheFile()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PutAsync($"/api/projects/{id}/files/content?path=src/App.tsx", new StringContent("app"))).EnsureSuccessStatusCode();

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path=src/App.tsx/extra.ts", new StringContent("x"));
        var get = await client.GetAsync($"/api/projects/{id}/files/content?path=src/App.tsx");

        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await get.Content.ReadAsStringAsync()).Should().Be("app");
    }

    [Fact]
    public async Task Write_LargerThanTheLimit_Returns413AndWritesNothing()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:MaxFileBytes"] = "10";
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path=big.txt", new StringContent(new string('x', 11)));

        put.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        host.Workspaces.SandboxOf(id).FileSystem.MutationCount.Should().Be(0);
    }

    [Fact]
    public async Task Tree_ListsFilesAndFoldersButNotNodeModules()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await client.PutAsync($"/api/projects/{id}/files/content?path=src/main.tsx", new StringContent("x"));
        await client.PutAsync($"/api/projects/{id}/files/content?path=node_modules/react/index.js", new StringContent("x"));

        var tree = await client.GetFromJsonAsync<EntryJson[]>($"/api/projects/{id}/files");

        tree.Should().BeEquivalentTo([new EntryJson("src", true, 0), new EntryJson("src/main.tsx", false, 1)]);
    }

    private sealed record EntryJson(string Path, bool IsDirectory, long Size);
}
