using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>CSRF and cross-site reads on the editor origin: pages of other origins (a preview, above all) are refused.</summary>
public sealed class EditorRequestGuardTests
{
    private static HttpRequestMessage Post(string path, string? origin, string? site = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { title = "x" }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        return request;
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://abc.preview.localhost")]
    [InlineData("http://localhost:1234")]
    [InlineData("null")]
    [InlineData("garbage")]
    public async Task StateChangingRequest_FromAnotherOrigin_Returns403AndChangesNothing(string origin)
    {
        await using var host = new AppBuilderTestHost();
        using var alice = host.ClientFor("alice");

        var response = await alice.SendAsync(Post("/api/projects", origin));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().Should().Be("Cross-origin request refused");
        problem.GetProperty("detail").GetString().Should().Contain("another origin").And.Contain("EditorOrigins");
        (await host.Projects.ListAsync("alice")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://localhost", "same-origin")]
    [InlineData(null, "none")]
    public async Task StateChangingRequest_FromTheEditorsOwnOrigin_IsServed(string? origin, string? site)
    {
        await using var host = new AppBuilderTestHost();
        using var alice = host.ClientFor("alice");

        (await alice.SendAsync(Post("/api/projects", origin, site))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("same-site")]
    [InlineData("cross-site")]
    public async Task Read_FromAnotherSitesPage_Returns403(string site)
    {
        await using var host = new AppBuilderTestHost();
        await host.CreateProjectAsync("alice");
        using var alice = host.ClientFor("alice");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.Add("Sec-Fetch-Site", site);

        var response = await alice.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Sec-Fetch-Site: " + site).And.NotContain("Test app");
    }

    [Fact]
    public async Task ConfiguredEditorOrigin_IsAllowedFromAnotherSite()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:EditorOrigins:0"] = "https://editor.example.com";
        using var alice = host.ClientFor("alice");

        (await alice.SendAsync(Post("/api/projects", "https://editor.example.com/", "cross-site"))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await alice.SendAsync(Post("/api/projects", "https://other.example.com", "cross-site"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_FromAnotherOrigin_Returns403BeforeAuthentication()
    {
        await using var host = new AppBuilderTestHost();
        using var anonymous = host.ClientFor(null);

        (await anonymous.SendAsync(Post("/api/projects", "http://evil.example"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HubNegotiateAndWebSocket_FromAnotherOrigin_AreRefused()
    {
        await using var host = new AppBuilderTestHost();
        using var alice = host.ClientFor("alice");
        var negotiate = await alice.SendAsync(Post("/api/hub/negotiate?negotiateVersion=1", "http://abc.preview.localhost:5080"));
        var client = host.Server.CreateWebSocketClient();
        client.ConfigureRequest = r =>
        {
            r.Headers[TestAuthHandler.UserHeader] = "alice";
            r.Headers.Origin = "http://abc.preview.localhost:5080";
        };

        var connect = () => client.ConnectAsync(new Uri(host.Server.BaseAddress, "/api/hub").ToWebSocketUri(), CancellationToken.None);

        negotiate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await connect.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("403");
    }

    [Fact]
    public async Task EveryEditorRoute_FromAnotherOrigin_Returns403()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var alice = host.ClientFor("alice");
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHostMetadata>() is null).ToList();
        var answers = new List<string>();

        foreach (var route in routes)
        {
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var path = "/" + string.Join('/', route.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "projectId" } => id,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "sessionId" } => session,
                    _ => "x",
                }))));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Add("Origin", "http://" + id + ".preview.localhost");
                using var response = await alice.SendAsync(request);
                answers.Add($"{method} {route.RoutePattern.RawText} -> {(int)response.StatusCode}");
            }
        }

        answers.Should().HaveCountGreaterThan(20).And.OnlyContain(a => a.EndsWith("-> 403"));
        (await host.Projects.GetAsync(id))!.Title.Should().Be("Test app");
    }
}
