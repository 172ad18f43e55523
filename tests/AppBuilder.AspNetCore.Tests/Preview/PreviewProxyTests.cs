using System.Net;
using System.Net.WebSockets;
using System.Text;
using AppBuilder.AspNetCore.Preview;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>The preview proxy on a project's origin, through YARP to a real (Kestrel) stand-in dev server.</summary>
public sealed class PreviewProxyTests
{
    private static async Task<(PreviewTestHost Host, string Id, string Cookie, HttpClient Client)> StartAsync(
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var host = await PreviewTestHost.StartAsync(configure);
        var id = await host.CreateProjectAsync("alice");
        await host.OpenAsync("alice", id);
        var cookie = await host.SessionCookieAsync("alice", id);
        return (host, id, cookie, host.Client());
    }

    [Fact]
    public async Task Http_ForwardsMethodPathQueryAndBodyToTheDevServerWithoutTheBrowsersCredentials()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var request = host.PreviewRequest(HttpMethod.Post, id, "/echo?x=1&y=%20", cookie + "; other=1");
        request.Content = new StringContent("payload", Encoding.UTF8, "text/plain");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");
        request.Headers.Add("Origin", host.PreviewOrigin(id));
        request.Headers.Add("Accept-Encoding", "gzip, br");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var echo = DevServerDouble.Parse(await response.Content.ReadAsStringAsync());
        echo.GetProperty("method").GetString().Should().Be("POST");
        echo.GetProperty("path").GetString().Should().Be("/echo");
        echo.GetProperty("query").GetString().Should().Be("?x=1&y=%20");
        echo.GetProperty("body").GetString().Should().Be("payload");
        echo.GetProperty("host").GetString().Should().Be(host.DevServer.Address.Authority, "Vite's host check accepts its own address");
        echo.GetProperty("cookie").GetString().Should().BeEmpty();
        echo.GetProperty("authorization").GetString().Should().BeEmpty();
        echo.GetProperty("forwardedFor").GetString().Should().BeEmpty();
        echo.GetProperty("acceptEncoding").GetString().Should().BeEmpty();
        response.Headers.GetValues("X-Upstream").Should().Equal("yes");
    }

    [Fact]
    public async Task Html_GetsTheCaptureScriptPostingToThePreviewOriginItself()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/", cookie));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.IndexOf("<script data-appbuilder-capture>", StringComparison.Ordinal).Should()
            .BePositive().And.BeLessThan(html.IndexOf("</head>", StringComparison.Ordinal));
        html.Should().Contain("\"/__appbuilder/logs\"").And.NotContain("/api/projects");
        html.Should().Contain("sendBeacon").And.Contain("XMLHttpRequest").And.Contain("unhandledrejection");
        html.Should().EndWith("<body><div id=\"root\"></div></body></html>");
        response.Content.Headers.ContentLength.Should().Be(Encoding.UTF8.GetByteCount(html));
    }

    [Fact]
    public async Task Html_LargerThanTheLimit_PassesThroughUntouched()
    {
        var (host, id, cookie, client) = await StartAsync(b => b.Configuration["AppBuilder:AspNetCore:MaxInjectedHtmlBytes"] = "2048");
        await using var _ = host;
        using var __ = client;
        var page = "<html><head></head><body>" + new string('x', 5000) + "</body></html>";
        host.DevServer.IndexHtml = page;

        var html = await (await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/", cookie))).Content.ReadAsStringAsync();

        html.Should().Be(page);
    }

    [Fact]
    public async Task Responses_DropTheHeadersSandboxedCodeMustNotSetAndCarryThePolicy()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/hostile-headers", cookie));

        (await response.Content.ReadAsStringAsync()).Should().Be("hostile");
        response.Headers.GetValues("X-Upstream").Should().Equal("yes");
        foreach (var dropped in new[] { "Service-Worker-Allowed", "Strict-Transport-Security", "Clear-Site-Data", "Set-Cookie", "Alt-Svc",
                     "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials" })
        {
            response.Headers.Contains(dropped).Should().BeFalse(dropped + " is dropped");
        }

        response.Headers.GetValues("Content-Security-Policy").Should()
            .BeEquivalentTo("default-src 'self'", $"frame-ancestors http://127.0.0.1:{host.Port}");
        response.Headers.GetValues("Cross-Origin-Resource-Policy").Should().Equal("same-origin");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Streaming_TheFirstChunkArrivesBeforeTheDevServerFinishes()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        using var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/stream", cookie), HttpCompletionOption.ResponseHeadersRead);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await body.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        host.DevServer.ReleaseStream();
        var rest = await body.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        first.Should().Be("data: first");
        rest.Should().Contain("data: second");
    }

    [Fact]
    public async Task WebSocket_HmrSubprotocolAndQueryGoThroughYarpAndMessagesPumpBothWays()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("vite-hmr");
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", host.PreviewOrigin(id));
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = host.ConnectAsync, UseProxy = false });

        await socket.ConnectAsync(new Uri($"ws://{id}.preview.localhost:{host.Port}/?token=abc"), invoker, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\"}"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        socket.SubProtocol.Should().Be("vite-hmr");
        Encoding.UTF8.GetString(buffer, 0, result.Count).Should().Be("echo:{\"type\":\"ping\"}");
        host.DevServer.LastWebSocketQuery.Should().Be("?token=abc");
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task WebSocket_FromAnotherOrigin_IsRefused(string origin)
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", origin.Replace("evil.example", $"other.preview.localhost:{host.Port}", StringComparison.Ordinal));
        socket.Options.CollectHttpResponseDetails = true;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = host.ConnectAsync, UseProxy = false });

        var connect = () => socket.ConnectAsync(new Uri($"ws://{id}.preview.localhost:{host.Port}/"), invoker, CancellationToken.None);

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.Forbidden);
        host.DevServer.LastWebSocketQuery.Should().BeNull();
    }

    [Theory]
    [InlineData("same-site", "cors")]
    [InlineData("cross-site", "cors")]
    [InlineData("same-site", "no-cors")]
    [InlineData("cross-site", "no-cors")]
    public async Task Requests_FromAnotherSitesPage_AreRefused(string site, string mode)
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var request = host.PreviewRequest(HttpMethod.Get, id, "/echo", cookie);
        request.Headers.Add("Sec-Fetch-Site", site);
        request.Headers.Add("Sec-Fetch-Mode", mode);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("X-Upstream").Should().BeFalse();
    }

    [Theory]
    [InlineData("cross-site", "navigate")]
    [InlineData("same-origin", "cors")]
    [InlineData("none", "navigate")]
    public async Task Requests_NavigationsAndSameOrigin_AreForwarded(string site, string mode)
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var request = host.PreviewRequest(HttpMethod.Get, id, "/echo", cookie);
        request.Headers.Add("Sec-Fetch-Site", site);
        request.Headers.Add("Sec-Fetch-Mode", mode);

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_WithAnotherOrigin_IsRefused()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var request = host.PreviewRequest(HttpMethod.Post, id, "/echo", cookie);
        request.Headers.Add("Origin", host.PreviewOrigin("other"));
        request.Content = new StringContent("x");

        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ServiceWorkerScript_IsRefusedUnlessAllowed()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        using var request = host.PreviewRequest(HttpMethod.Get, id, "/sw.js", cookie);
        request.Headers.Add("Service-Worker", "script");

        var refused = await client.SendAsync(request);
        var plain = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/sw.js", cookie));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("AllowServiceWorkers");
        plain.StatusCode.Should().Be(HttpStatusCode.OK, "the same file fetched as a plain script is served");

        var (allowingHost, allowingId, allowingCookie, allowingClient) = await StartAsync(b =>
            b.Configuration["AppBuilder:AspNetCore:Preview:AllowServiceWorkers"] = "true");
        await using var ___ = allowingHost;
        using var ____ = allowingClient;
        using var allowed = allowingHost.PreviewRequest(HttpMethod.Get, allowingId, "/sw.js", allowingCookie);
        allowed.Headers.Add("Service-Worker", "script");
        (await allowingClient.SendAsync(allowed)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutASession_Returns401AndTheEditorsCredentialsDoNotCount()
    {
        var (host, id, _, client) = await StartAsync();
        await using var __ = host;
        using var ___ = client;
        using var request = host.PreviewRequest(HttpMethod.Get, id, "/echo", "appbuilder.auth=editor-cookie");
        request.Headers.Add(TestHost.TestAuthHandler.UserHeader, "alice");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Open the preview again from the editor");
        host.DevServer.Paths.Should().NotContain("/echo");
    }

    [Fact]
    public async Task SessionOfAnotherProject_Returns401()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var other = await host.CreateProjectAsync("alice");
        await host.OpenAsync("alice", other);

        (await client.SendAsync(host.PreviewRequest(HttpMethod.Get, other, "/echo", cookie))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/echo", cookie))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SessionAfterAccessWasRevoked_Returns404()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        var project = await host.Projects.GetAsync(id);
        await host.Projects.UpdateAsync(project! with { OwnerId = "bob" });

        (await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/echo", cookie))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SessionAfterItsLifetime_Returns401()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        host.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(2));

        (await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/echo", cookie))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WorkspaceNotRunning_Returns503RetryPageWithThePolicyAndOpensTheWorkspace()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        var cookie = await host.SessionCookieAsync("alice", id);
        using var client = host.Client();

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/", cookie));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("http-equiv=\"refresh\"");
        response.Headers.RetryAfter.Should().NotBeNull();
        response.Headers.GetValues("Content-Security-Policy").Should().Equal($"frame-ancestors http://127.0.0.1:{host.Port}");
        (await host.Workspaces.OpenCalled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(id);
    }

    [Fact]
    public async Task DevServerGone_Returns502RetryPage()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;
        await host.DevServer.DisposeAsync();

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/", cookie));

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).Should().Contain("not answering");
    }

    [Fact]
    public async Task ReservedPaths_AreNotForwarded()
    {
        var (host, id, cookie, client) = await StartAsync();
        await using var _ = host;
        using var __ = client;

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, id, "/__appbuilder/other", cookie));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.DevServer.Paths.Should().NotContain("/__appbuilder/other");
    }

    [Fact]
    public void Inject_WithoutHead_PutsTheScriptBeforeBody()
    {
        PreviewCaptureScript.Inject("<html><body>x</body></html>", "<s/>").Should().Be("<html><s/><body>x</body></html>");
        PreviewCaptureScript.Inject("plain", "<s/>").Should().Be("<s/>plain");
    }
}
