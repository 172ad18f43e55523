using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppBuilder.AspNetCore.Tests.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Builder;

/// <summary>
/// Walks every mapped route, so that a route added later cannot forget the ownership check: each route naming a
/// project answers another user with 404 and changes nothing; every route but health refuses anonymous callers.
/// </summary>
public sealed class ProjectIsolationTests
{
    // The editor origin's routes; those served only on preview origins (host-matched) are covered by PreviewOriginIsolationTests.
    private static List<RouteEndpoint> Routes(AppBuilderTestHost host) =>
        [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHostMetadata>() is null)];

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["GET"];

    private static string Fill(RoutePattern pattern, string projectId, string sessionId)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { Name: "projectId" or "id" } => projectId,
                    RoutePatternParameterPart { Name: "sessionId" or "sid" } => sessionId,
                    RoutePatternParameterPart { Name: "approvalId" } => "approval1",
                    RoutePatternParameterPart { IsCatchAll: true } => "index.html",
                    RoutePatternParameterPart => "x",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => throw new NotSupportedException(part.GetType().Name),
                });
            }
        }

        return path + "?path=src/App.tsx&kind=console";
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = JsonContent.Create(new { message = "hi", title = "taken", supervised = true, approved = true });
        }

        return request;
    }

    [Fact]
    public async Task EveryRouteNamingAProject_AsAnotherUser_Returns404AndChangesNothing()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var bob = host.ClientFor("bob");
        var routes = Routes(host).Where(e => e.RoutePattern.Parameters.Any(p => p.Name is "projectId" or "id")).ToList();

        var answers = new List<string>();
        foreach (var route in routes)
        {
            foreach (var method in Methods(route))
            {
                var path = Fill(route.RoutePattern, id, session);
                using var response = await bob.SendAsync(Request(method, path));
                answers.Add($"{method} {route.RoutePattern.RawText} -> {(int)response.StatusCode}");
            }
        }

        routes.Should().HaveCountGreaterThanOrEqualTo(17, "every project route of the brief is mapped");
        answers.Should().Contain(a => a.StartsWith("GET /api/projects/{id}/checkpoints/{from}/diff/{to}", StringComparison.Ordinal) ||
            a.Contains("/checkpoints/{from}/diff/{to} ", StringComparison.Ordinal));
        answers.Should().OnlyContain(a => a.EndsWith("-> 404"));
        var project = await host.Projects.GetAsync(id);
        project!.Title.Should().Be("Test app");
        project.Supervised.Should().BeFalse();
        host.Model.Calls.Should().BeEmpty();
        host.Workspaces.Find(id).Should().BeNull();
        host.Logs.Read(id, AppBuilder.Logs.ProjectLogKind.Console).Should().BeEmpty();
    }

    [Fact]
    public async Task EveryRouteButHealth_Anonymous_Returns401()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var anonymous = host.ClientFor(null);

        var answers = new List<string>();
        foreach (var route in Routes(host).Where(r => r.RoutePattern.RawText != "/api/health"))
        {
            foreach (var method in Methods(route))
            {
                using var response = await anonymous.SendAsync(Request(method, Fill(route.RoutePattern, id, session)));
                answers.Add($"{method} {route.RoutePattern.RawText} -> {(int)response.StatusCode}");
            }
        }

        answers.Should().HaveCountGreaterThan(17).And.OnlyContain(a => a.EndsWith("-> 401"));
        (await anonymous.GetAsync("/api/health")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HubJoin_AnotherUsersProject_IsRefused()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var bob = await host.ConnectHubAsync("bob");

        var join = async () => await bob.InvokeAsync("JoinProject", id);

        await join.Should().ThrowAsync<HubException>().WithMessage("*Project not found*");
    }
}
