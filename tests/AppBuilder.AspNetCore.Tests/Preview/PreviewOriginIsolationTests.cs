using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>
/// On a preview origin nothing of the application answers but the preview: every mapped endpoint — the whole API,
/// the hub, health and the host's own pages — is walked and must reach the preview proxy (which asks for a preview
/// session, or forwards to the dev server), never the endpoint itself, even with the editor's credentials.
/// </summary>
public sealed class PreviewOriginIsolationTests
{
    private static string Fill(RoutePattern pattern, string projectId) =>
        string.Concat(pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "projectId" } => projectId,
            RoutePatternParameterPart => "x",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));

    private static async Task<PreviewTestHost> StartWithHostEndpointsAsync() =>
        await PreviewTestHost.StartAsync(mapHost: app =>
        {
            app.MapGet("/host-page", () => "the host's own page");
            app.MapPost("/auth/logout", () => "signed out");
            app.MapFallback(() => "the host's fallback");
        });

    private static List<RouteEndpoint> EditorRoutes(PreviewTestHost host) =>
        [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHostMetadata>() is null)];

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    [Fact]
    public async Task EveryEditorRoute_OnAPreviewOriginWithTheEditorsCredentials_IsAnsweredByThePreviewProxy()
    {
        await using var host = await StartWithHostEndpointsAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client("alice");
        var answers = new List<string>();
        var routes = EditorRoutes(host);

        foreach (var route in routes)
        {
            foreach (var method in Methods(route))
            {
                using var request = host.PreviewRequest(new HttpMethod(method), id, Fill(route.RoutePattern, id), "appbuilder.auth=editor");
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{\"title\":\"taken\"}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                answers.Add($"{method} {route.RoutePattern.RawText} -> {(int)response.StatusCode} {body[..Math.Min(body.Length, 40)]}");
            }
        }

        routes.Should().HaveCountGreaterThan(20, "the API, the hub, health and the host's pages are all mapped");
        answers.Should().OnlyContain(a => a.Contains("-> 401 No preview session"), "only the preview proxy answers on a preview origin");
        (await host.Projects.GetAsync(id))!.Title.Should().Be("Preview app");
        host.Workspaces.Find(id).Should().BeNull();
    }

    [Theory]
    [InlineData("GET", "/api/projects")]
    [InlineData("GET", "/api/health")]
    [InlineData("POST", "/api/hub/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/host-page")]
    [InlineData("POST", "/auth/logout")]
    [InlineData("GET", "/anything/else")]
    public async Task ApiHubAndHostPages_WithAPreviewSession_AreTheDevServersPaths(string method, string path)
    {
        await using var host = await StartWithHostEndpointsAsync();
        var id = await host.CreateProjectAsync("alice");
        await host.OpenAsync("alice", id);
        var cookie = await host.SessionCookieAsync("alice", id);
        using var client = host.Client("alice");
        using var request = host.PreviewRequest(new HttpMethod(method), id, path, cookie);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.GetValues("X-Upstream").Should().BeEquivalentTo(new[] { "yes" }, "the dev server answered, not AppBuilder or the host");
        host.DevServer.Paths.Should().Contain(path.Split('?')[0]);
    }

    [Theory]
    [InlineData("nota_label")]
    [InlineData("a.b")]
    [InlineData("0000000000000000")]
    public async Task UnknownOrInvalidProjectHost_Returns404Or401WithoutReachingAnything(string label)
    {
        await using var host = await StartWithHostEndpointsAsync();
        using var client = host.Client("alice");

        var response = await client.SendAsync(host.PreviewRequest(HttpMethod.Get, label, "/api/projects", null));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("[");
    }

    [Fact]
    public async Task LogPost_OnThePreviewOriginWithItsSession_IsAppendedToThatProject()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        var cookie = await host.SessionCookieAsync("alice", id);
        using var client = host.Client();
        using var request = host.PreviewRequest(HttpMethod.Post, id, "/__appbuilder/logs", cookie);
        request.Headers.Add("Origin", host.PreviewOrigin(id));
        request.Content = new StringContent("[{\"kind\":\"console\",\"level\":\"error\",\"message\":\"boom\"}]", Encoding.UTF8, "text/plain");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.Read(id, AppBuilder.Logs.ProjectLogKind.Console).Should().ContainSingle(e => e.Message == "boom" && e.Level == "error");
        response.Headers.GetValues("Content-Security-Policy").Should().Equal($"frame-ancestors http://127.0.0.1:{host.Port}");
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "http://other.preview.localhost")]
    public async Task LogPost_WithoutASessionOrFromAnotherOrigin_IsRefusedAndAppendsNothing(bool withSession, string? origin)
    {
        await using var host = await PreviewTestHost.StartAsync();
        var id = await host.CreateProjectAsync("alice");
        var cookie = withSession ? await host.SessionCookieAsync("alice", id) : null;
        using var client = host.Client("alice");
        using var request = host.PreviewRequest(HttpMethod.Post, id, "/__appbuilder/logs", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        request.Content = new StringContent("[{\"message\":\"boom\"}]");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(withSession ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized);
        host.Logs.Read(id, AppBuilder.Logs.ProjectLogKind.Console).Should().BeEmpty();
    }

    [Fact]
    public async Task GrantExchangeAndLogPaths_OnTheEditorOrigin_AreNotServed()
    {
        await using var host = await StartWithHostEndpointsAsync();
        var id = await host.CreateProjectAsync("alice");
        using var client = host.Client("alice");

        var grant = await client.GetAsync("/__appbuilder/grant?token=x");
        var logs = await client.PostAsync("/__appbuilder/logs", new StringContent("[]"));

        (await grant.Content.ReadAsStringAsync()).Should().Be("the host's fallback");
        (await logs.Content.ReadAsStringAsync()).Should().Be("the host's fallback");
        (await client.GetStringAsync("/host-page")).Should().Be("the host's own page");
    }

    [Fact]
    public async Task IsAppBuilderPreviewOrigin_TellsPreviewHostsApart()
    {
        await using var host = await PreviewTestHost.StartAsync();
        var context = new DefaultHttpContext { RequestServices = host.Services };

        context.Request.Host = new HostString("abc.preview.localhost:5080");
        context.IsAppBuilderPreviewOrigin().Should().BeTrue();
        context.Request.Host = new HostString("127.0.0.1:5080");
        context.IsAppBuilderPreviewOrigin().Should().BeFalse();
        new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() }.IsAppBuilderPreviewOrigin().Should().BeFalse();
    }
}
