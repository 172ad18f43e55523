using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Preview;

public sealed class PreviewOriginTests
{
    private const string Origin = "http://127.0.0.1:5081";

    private static AppBuilderTestHost CreateHost(string? previewOrigin = Origin)
    {
        var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:PreviewOrigin"] = previewOrigin;
        host.MapHostEndpoints = endpoints => endpoints.MapFallback(() => "editor page");
        return host;
    }

    /// <summary>A client for the preview origin: requests carry its host and port in their <c>Host</c> header.</summary>
    private static HttpClient PreviewClient(AppBuilderTestHost host, string? user)
    {
        var client = host.ClientFor(user);
        client.BaseAddress = new Uri(Origin);
        return client;
    }

    [Fact]
    public async Task PreviewOnMainOrigin_RedirectsToTheSamePathOnThePreviewOrigin()
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var alice = host.ClientFor("alice");

        var response = await alice.GetAsync($"/preview/{id}/src/App.tsx?t=1&x=%20");

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location.Should().Be(new Uri($"{Origin}/preview/{id}/src/App.tsx?t=1&x=%20"));
        host.Workspaces.Find(id).Should().BeNull("a redirect opens nothing");
    }

    [Theory]
    [InlineData("GET", "/api/projects")]
    [InlineData("POST", "/api/projects")]
    [InlineData("GET", "/api/health")]
    [InlineData("POST", "/api/hub/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/api/hub")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/projects/abc")]
    public async Task ApiHubAndHostPagesOnPreviewOrigin_Return404(string method, string path)
    {
        await using var host = CreateHost();
        using var alice = PreviewClient(host, "alice");

        var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/open")]
    [InlineData("GET", "/logs")]
    [InlineData("GET", "/approvals")]
    [InlineData("POST", "/persist")]
    [InlineData("GET", "/files")]
    public async Task ProjectRoutesOtherThanTheLogPostOnPreviewOrigin_Return404AndDoNothing(string method, string suffix)
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var alice = PreviewClient(host, "alice");

        var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/projects/{id}{suffix}"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Workspaces.Find(id).Should().BeNull();
        host.Workspaces.Persisted.Should().BeEmpty();
    }

    [Fact]
    public async Task AnonymousOnPreviewOrigin_Returns404NotAChallenge()
    {
        await using var host = CreateHost();
        using var anonymous = PreviewClient(host, null);

        var response = await anonymous.GetAsync("/api/projects");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RequestsFromAPreviewPageToTheMainOrigin_Return404()
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var alice = host.ClientFor("alice");

        async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string origin)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Origin", origin);
            return (await alice.SendAsync(request)).StatusCode;
        }

        (await SendAsync(HttpMethod.Get, "/api/projects", Origin)).Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Post, "/api/hub/negotiate?negotiateVersion=1", Origin)).Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Post, $"/api/projects/{id}/persist", "null")).Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Get, "/api/projects", "http://localhost")).Should().Be(HttpStatusCode.OK);
        host.Workspaces.Persisted.Should().BeEmpty();
    }

    [Fact]
    public async Task PreviewOnPreviewOrigin_IsForwardedForTheOwnerWithSameOriginLogPath()
    {
        await using var devServer = await DevServerDouble.StartAsync();
        await using var host = CreateHost();
        host.Workspaces.DevServer = devServer.Address;
        var (id, _) = await host.CreateProjectAsync("alice");
        using var main = host.ClientFor("alice");
        (await main.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        using var alice = PreviewClient(host, "alice");

        var response = await alice.GetAsync($"/preview/{id}/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<script data-appbuilder-capture>").And.Contain($"\"/api/projects/{id}/logs\"");
    }

    [Fact]
    public async Task PreviewOnPreviewOrigin_OtherUsersProjectIs404AndNotOpened()
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var bob = PreviewClient(host, "bob");
        using var anonymous = PreviewClient(host, null);

        var asBob = await bob.GetAsync($"/preview/{id}/");
        var asAnonymous = await anonymous.GetAsync($"/preview/{id}/");

        asBob.StatusCode.Should().Be(HttpStatusCode.NotFound);
        asAnonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        host.Workspaces.Find(id).Should().BeNull();
    }

    [Fact]
    public async Task LogPostOnPreviewOrigin_IsAcceptedForTheOwnerOnly()
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var alice = PreviewClient(host, "alice");
        using var bob = PreviewClient(host, "bob");
        const string batch = """[{"kind":"console","level":"error","message":"boom"}]""";

        var asAlice = await alice.PostAsync($"/api/projects/{id}/logs", new StringContent(batch, Encoding.UTF8, "text/plain"));
        var asBob = await bob.PostAsync($"/api/projects/{id}/logs", new StringContent(batch, Encoding.UTF8, "text/plain"));

        asAlice.StatusCode.Should().Be(HttpStatusCode.OK);
        asBob.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Logs.Read(id, ProjectLogKind.Console).Should().ContainSingle().Which.Message.Should().Be("boom");
    }

    [Fact]
    public async Task WebSocketOnPreviewOrigin_HmrIsForwarded()
    {
        await using var devServer = await DevServerDouble.StartAsync();
        await using var host = CreateHost();
        host.Workspaces.DevServer = devServer.Address;
        var (id, _) = await host.CreateProjectAsync("alice");
        using var main = host.ClientFor("alice");
        (await main.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        using var socket = await host.ConnectWebSocketAsync("alice", new Uri($"ws://127.0.0.1:5081/preview/{id}/?token=t"), ["vite-hmr"]);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hi"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        socket.SubProtocol.Should().Be("vite-hmr");
        Encoding.UTF8.GetString(buffer, 0, result.Count).Should().Be("echo:hi");
    }

    [Fact]
    public async Task ProjectOpenAndHealth_ReportThePreviewOrigin()
    {
        await using var host = CreateHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var alice = host.ClientFor("alice");

        var project = await alice.GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        var open = await (await alice.PostAsync($"/api/projects/{id}/open", null)).Content.ReadFromJsonAsync<JsonElement>();
        var health = await alice.GetFromJsonAsync<JsonElement>("/api/health");

        project.GetProperty("workspace").GetProperty("previewPath").GetString().Should().Be($"/preview/{id}/");
        project.GetProperty("workspace").GetProperty("previewUrl").GetString().Should().Be($"{Origin}/preview/{id}/");
        open.GetProperty("previewUrl").GetString().Should().Be($"{Origin}/preview/{id}/");
        health.GetProperty("previewOrigin").GetString().Should().Be(Origin);
    }

    [Fact]
    public async Task WithoutPreviewOrigin_PreviewIsServedOnAnyHostAndNoPreviewUrlIsReported()
    {
        await using var host = CreateHost(previewOrigin: null);
        var (id, _) = await host.CreateProjectAsync("alice");
        using var onOtherPort = PreviewClient(host, "alice");

        var projects = await onOtherPort.GetAsync("/api/projects");
        var preview = await onOtherPort.GetAsync($"/preview/{id}/");
        var page = await onOtherPort.GetAsync("/projects/abc");
        var project = await onOtherPort.GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        var health = await onOtherPort.GetFromJsonAsync<JsonElement>("/api/health");

        projects.StatusCode.Should().Be(HttpStatusCode.OK);
        preview.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the workspace is starting, not redirected");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        project.GetProperty("workspace").GetProperty("previewUrl").ValueKind.Should().Be(JsonValueKind.Null);
        health.GetProperty("previewOrigin").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData(Origin, "127.0.0.1:5081", true)]
    [InlineData(Origin, "127.0.0.1:5080", false)]
    [InlineData(null, "127.0.0.1:5081", false)]
    public void IsAppBuilderPreviewOrigin_TellsThePreviewOriginApart(string? configured, string hostHeader, bool expected)
    {
        var services = new ServiceCollection()
            .AddSingleton(new PreviewOrigin(Microsoft.Extensions.Options.Options.Create(new AppBuilderOptions { PreviewOrigin = configured })))
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Host = new HostString(hostHeader);

        context.IsAppBuilderPreviewOrigin().Should().Be(expected);
    }

    [Fact]
    public void IsAppBuilderPreviewOrigin_WithoutAppBuilder_IsFalse()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Host = new HostString("127.0.0.1:5081");

        context.IsAppBuilderPreviewOrigin().Should().BeFalse();
    }

    [Theory]
    [InlineData("127.0.0.1:5081")]
    [InlineData("ftp://127.0.0.1:5081")]
    [InlineData("http://127.0.0.1:5081/preview")]
    [InlineData("http://127.0.0.1:5081/?x=1")]
    [InlineData("http://user:pw@127.0.0.1:5081")]
    [InlineData("http://127.0.0.1:5081/#top")]
    [InlineData("/relative")]
    public async Task InvalidPreviewOrigin_FailsAtStart(string value)
    {
        await using var host = CreateHost(value);

        var start = () => host.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("PreviewOrigin");
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("http://127.0.0.1:5081", "127.0.0.1:5081", true)]
    [InlineData("http://127.0.0.1:5081/", "127.0.0.1:5081", true)]
    [InlineData("http://127.0.0.1:5081", "127.0.0.1:5080", false)]
    [InlineData("http://127.0.0.1:5081", "127.0.0.1", false)]
    [InlineData("https://preview.example.com", "PREVIEW.example.com", true)]
    [InlineData("https://preview.example.com", "preview.example.com:443", true)]
    [InlineData("https://preview.example.com", "app.example.com", false)]
    [InlineData("http://[::1]:5081", "[::1]:5081", true)]
    public void IsPreviewRequest_ComparesHostAndPort(string configured, string hostHeader, bool expected)
    {
        var origin = new PreviewOrigin(Microsoft.Extensions.Options.Options.Create(new AppBuilderOptions { PreviewOrigin = configured }));
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(hostHeader);

        origin.IsPreviewRequest(context.Request).Should().Be(expected);
    }
}
