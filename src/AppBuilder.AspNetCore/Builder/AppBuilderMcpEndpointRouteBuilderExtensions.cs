using System.Diagnostics.CodeAnalysis;
using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Mcp;
using AppBuilder.AspNetCore.Preview;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps AppBuilder's MCP server (streamable HTTP).</summary>
public static class AppBuilderMcpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the MCP streamable HTTP endpoint at <paramref name="pattern"/> (POST for requests, GET for the server's
    /// stream, DELETE to end a session). Every request must carry an authenticated user (401 otherwise); the tools act
    /// for that user and <see cref="IProjectAccessPolicy"/> decides which projects they see — another person's project is
    /// "not found", as in the REST API. Requests that pages of other origins or sites sent are 403, and preview origins
    /// never reach it. Sessions are bound to the user who opened them.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="pattern">The route, <c>/mcp</c> by default.</param>
    /// <returns>The endpoints' convention builder, so that hosts can choose the authentication scheme, add rate limits or CORS.</returns>
    /// <exception cref="InvalidOperationException"><c>AddAppBuilder(...).AddMcpServer()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapAppBuilderMcp(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        if (endpoints.ServiceProvider.GetService<AppBuilderMcpHttpMarker>() is null
            || endpoints.ServiceProvider.GetService<AppBuilderMarker>() is null)
        {
            throw new InvalidOperationException(
                "AppBuilder's MCP server is not registered. Call services.AddAppBuilder(builder.Configuration).AddMcpServer() before app.MapAppBuilderMcp().");
        }

        var mcp = endpoints.MapMcp(pattern);
        mcp.RequireAuthorization();
        mcp.WithMetadata(EditorEndpointMetadata.Instance);
        return mcp;
    }
}
