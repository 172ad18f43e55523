using System.Net;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>The editor hands out grants; the project's preview origin exchanges them for a session cookie.</summary>
public sealed class PreviewGrantExchangeTests
{
    [Fact]
    public async Task PreviewGrant_NamesTheProjectsOwnOriginOnTheEditorsPort()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var alice = host.Client("alice");

        var response = await alice.PostAsync($"/api/projects/{id}/preview-grant", null);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json.GetProperty("origin").GetString().Should().Be($"http://{id}.preview.localhost:{host.Port}");
        json.GetProperty("url").GetString().Should().StartWith($"http://{id}.preview.localhost:{host.Port}/__appbuilder/grant?token=")
            .And.EndWith("&path=%2F");
        json.GetProperty("expiresAt").GetDateTimeOffset().Should().BeCloseTo(host.Time.GetUtcNow() + TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Exchange_SetsAHostOnlyPartitionedSessionCookieAndRedirectsWithoutTheToken()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);

        var response = await client.GetAsync(grant.Replace("path=%2F", "path=%2Fsrc%2Fmain.tsx%3Fx%3D1", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/src/main.tsx?x=1");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("__Host-appbuilder-preview=");
        cookie.ToLowerInvariant().Should().Contain("path=/").And.Contain("secure").And.Contain("samesite=none").And.Contain("httponly")
            .And.Contain("partitioned").And.NotContain("domain=");
        response.Headers.GetValues("Content-Security-Policy").Should().Contain($"frame-ancestors http://127.0.0.1:{host.Port}");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    public async Task Exchange_PathThatLeavesTheOrigin_RedirectsToTheRoot(string path)
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);

        var response = await client.GetAsync(grant.Replace("path=%2F", "path=" + Uri.EscapeDataString(path), StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task Exchange_UsedTwice_IsRefusedTheSecondTime()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);

        (await client.GetAsync(grant)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var second = await client.GetAsync(grant);

        second.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        second.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await second.Content.ReadAsStringAsync()).Should().Contain("expired or was already used");
    }

    [Fact]
    public async Task Exchange_AfterTwoMinutes_IsRefused()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);

        host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(2));

        (await client.GetAsync(grant)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Exchange_TamperedToken_IsRefused()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);
        var at = grant.IndexOf("token=", StringComparison.Ordinal) + 20;
        var tampered = grant[..at] + (grant[at] == 'A' ? 'B' : 'A') + grant[(at + 1)..];

        (await client.GetAsync(tampered)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Exchange_OnAnotherProjectsOrigin_IsRefused()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        var other = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);

        var response = await client.GetAsync(grant.Replace($"//{id}.", $"//{other}.", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Exchange_AfterAccessWasRevoked_Returns404AndNoSession()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        var grant = await host.GrantAsync("alice", id);
        var project = await host.Projects.GetAsync(id);
        await host.Projects.UpdateAsync(project! with { OwnerId = "bob" });

        var response = await client.GetAsync(grant);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Exchange_FetchedByAScriptInsteadOfNavigated_IsRefused()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, await host.GrantAsync("alice", id));
        request.Headers.Add("Sec-Fetch-Mode", "cors");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PreviewGrant_OtherUsersProject_Returns404()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var bob = host.Client("bob");

        (await bob.PostAsync($"/api/projects/{id}/preview-grant", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PreviewRedirectOnTheEditor_MintsAGrantForTheOwnerWithThePathAndQuery()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var alice = host.Client("alice");
        using var bob = host.Client("bob");

        var response = await alice.GetAsync($"/preview/{id}/src/App.tsx?import");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.Should().StartWith($"http://{id}.preview.localhost:{host.Port}/__appbuilder/grant?token=").And.EndWith("&path=%2Fsrc%2FApp.tsx%3Fimport");
        using var client = host.Client();
        var exchanged = await client.GetAsync(location);
        exchanged.Headers.Location!.OriginalString.Should().Be("/src/App.tsx?import");
        (await bob.GetAsync($"/preview/{id}/")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Open_AnswersTheOriginAndAFreshGrantLink_ProjectAnswersTheOriginOnly()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        using var alice = host.Client("alice");

        var open = await host.OpenAsync("alice", id);
        var project = JsonDocument.Parse(await alice.GetStringAsync($"/api/projects/{id}")).RootElement.GetProperty("workspace");

        open.GetProperty("previewPath").GetString().Should().Be($"/preview/{id}/");
        open.GetProperty("previewOrigin").GetString().Should().Be(host.PreviewOrigin(id));
        open.GetProperty("previewUrl").GetString().Should().StartWith(host.PreviewOrigin(id) + "/__appbuilder/grant?token=");
        project.GetProperty("previewOrigin").GetString().Should().Be(host.PreviewOrigin(id));
        project.GetProperty("previewUrl").ValueKind.Should().Be(JsonValueKind.Null);
        using var client = host.Client();
        (await client.GetAsync(open.GetProperty("previewUrl").GetString())).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ConfiguredTemplate_IsUsedForGrantsAndMatching()
    {
        await using var host = await PreviewTestHost.StartAsync(b =>
            b.Configuration["AppBuilder:AspNetCore:Preview:OriginTemplate"] = "https://{projectId}.preview.example.test");
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client();

        var grant = await host.GrantAsync("alice", id);
        var response = await client.GetAsync(grant.Replace("https://", "http://", StringComparison.Ordinal)
            .Replace($".example.test/", $".example.test:{host.Port}/", StringComparison.Ordinal));

        grant.Should().StartWith($"https://{id}.preview.example.test/__appbuilder/grant?token=");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a TLS-terminating proxy forwards the Host unchanged");
        response.Headers.GetValues("Set-Cookie").Single().Should().StartWith("__Host-appbuilder-preview=").And.Contain("secure");
    }

    [Theory]
    [InlineData("http://preview.example.com")]
    [InlineData("https://{projectId}.example.com/app")]
    public async Task InvalidTemplate_FailsAtStartNamingTheSetting(string template)
    {
        var start = () => PreviewTestHost.StartAsync(b => b.Configuration["AppBuilder:AspNetCore:Preview:OriginTemplate"] = template);

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("OriginTemplate");
    }
}
