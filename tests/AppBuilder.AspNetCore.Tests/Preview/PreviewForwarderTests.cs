using System.Net;
using System.Net.WebSockets;
using System.Text;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.AspNetCore.Tests.TestHost;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Tests.Preview;

public sealed class PreviewForwarderTests
{
    private static async Task<(AppBuilderTestHost Host, DevServerDouble DevServer, string ProjectId, HttpClient Client)> StartAsync()
    {
        var devServer = await DevServerDouble.StartAsync();
        var host = new AppBuilderTestHost();
        host.Workspaces.DevServer = devServer.Address;
        var (id, _) = await host.CreateProjectAsync("alice");
        var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        return (host, devServer, id, client);
    }

    [Fact]
    public async Task Http_ForwardsPathQueryAndBodyUnderTheBasePathWithoutTheHostsCredentials()
    {
        var (host, devServer, id, client) = await StartAsync();
        await using var _ = host;
        await using var __ = devServer;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/preview/{id}/echo?x=1&y=%20")
        {
            Content = new StringContent("payload", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Cookie", "session=secret");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var echo = DevServerDouble.Parse(await response.Content.ReadAsStringAsync());
        echo.GetProperty("method").GetString().Should().Be("POST");
        echo.GetProperty("path").GetString().Should().Be($"/preview/{id}/echo");
        echo.GetProperty("query").GetString().Should().Be("?x=1&y=%20");
        echo.GetProperty("body").GetString().Should().Be("payload");
        echo.GetProperty("host").GetString().Should().Be(devServer.Address.Authority);
        echo.GetProperty("cookie").GetString().Should().BeEmpty();
        echo.GetProperty("authorization").GetString().Should().BeEmpty();
        response.Headers.GetValues("X-Upstream").Should().Equal("yes");
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        client.Dispose();
    }

    [Fact]
    public async Task Html_GetsTheCaptureScriptInjectedBeforeHeadClose()
    {
        var (host, devServer, id, client) = await StartAsync();
        await using var _ = host;
        await using var __ = devServer;

        var response = await client.GetAsync($"/preview/{id}/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<script data-appbuilder-capture>");
        html.IndexOf("<script data-appbuilder-capture>", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("</head>", StringComparison.Ordinal));
        html.Should().Contain($"\"/api/projects/{id}/logs\"");
        html.Should().Contain("sendBeacon").And.Contain("XMLHttpRequest").And.Contain("unhandledrejection");
        html.Should().EndWith("<body><div id=\"root\"></div></body></html>");
        response.Content.Headers.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(html));
        client.Dispose();
    }

    [Fact]
    public async Task WebSocket_HmrSubprotocolAndQueryAreForwardedAndMessagesPumpBothWays()
    {
        var (host, devServer, id, client) = await StartAsync();
        await using var _ = host;
        await using var __ = devServer;
        var uri = new Uri(host.Server.BaseAddress, $"/preview/{id}/?token=abc").ToWebSocketUri();

        using var socket = await host.ConnectWebSocketAsync("alice", uri, ["vite-hmr"]);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\"}"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        socket.SubProtocol.Should().Be("vite-hmr");
        Encoding.UTF8.GetString(buffer, 0, result.Count).Should().Be("echo:{\"type\":\"ping\"}");
        devServer.LastWebSocketQuery.Should().Be("?token=abc");
        client.Dispose();
    }

    [Fact]
    public async Task WorkspaceNotRunning_Returns503RetryPageAndOpensTheWorkspace()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.GetAsync($"/preview/{id}/");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("http-equiv=\"refresh\"");
        response.Headers.RetryAfter.Should().NotBeNull();
        (await host.Workspaces.OpenCalled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(id);
    }

    [Fact]
    public async Task OtherUsersProject_Returns404AndDoesNotOpenIt()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var bob = host.ClientFor("bob");

        var response = await bob.GetAsync($"/preview/{id}/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Workspaces.Find(id).Should().BeNull();
    }

    [Fact]
    public async Task WithoutTrailingSlash_RedirectsToTheBasePath()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.GetAsync($"/preview/{id}?a=1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be($"/preview/{id}/?a=1");
    }

    [Fact]
    public void BuildTarget_KeepsTheBasePathAndEscapesTheRest()
    {
        var target = PreviewForwarder.BuildTarget(new Uri("http://127.0.0.1:5173/preview/p1/"), "src/my file.tsx", new QueryString("?import&t=1"));

        target.AbsoluteUri.Should().Be("http://127.0.0.1:5173/preview/p1/src/my%20file.tsx?import&t=1");
    }

    [Fact]
    public void Inject_WithoutHead_PutsTheScriptBeforeBody()
    {
        PreviewCaptureScript.Inject("<html><body>x</body></html>", "<s/>").Should().Be("<html><s/><body>x</body></html>");
        PreviewCaptureScript.Inject("plain", "<s/>").Should().Be("<s/>plain");
    }
}
