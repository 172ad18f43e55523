using AppBuilder.AspNetCore.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// In cluster mode, runs after <see cref="ProjectAccessFilter"/> on every project route except those marked
/// <see cref="AnyHostEndpointMetadata"/> (stop and approvals, which reach the turn over the command bus): the request
/// is served here when this host holds the project's workspace lease or can take it (free or expired — the workspace
/// then opens from the latest checkpoint), and otherwise forwarded to the host that holds it. Redis unreachable, or
/// the owner not answering (it may have died; its lease expires within the lease duration), is a 503 with a problem
/// body and <c>Retry-After</c>. On one host (no cluster services) it does nothing.
/// </summary>
internal static class ClusterRoutingFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var leases = http.RequestServices.GetService<WorkspaceLeases>();
        if (leases is null || http.GetEndpoint()?.Metadata.GetMetadata<AnyHostEndpointMetadata>() is not null)
        {
            return await next(context).ConfigureAwait(false);
        }

        var project = http.GetProject();
        WorkspaceLeaseOwner? owner;
        try
        {
            owner = await leases.TakeOrFindOwnerAsync(project.Id).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterRedis.IsOutage(ex))
        {
            Log.ClusterUnavailable(Logger(http), ex, project.Id);
            return ApiResults.Unavailable(http, "The cluster's coordination store (Redis) is unreachable; try again shortly.");
        }

        if (owner is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        if (http.Request.Headers.ContainsKey(ClusterForwarder.ForwardedByHeader))
        {
            // Forwarded here, but the lease moved on meanwhile: answer rather than bounce between hosts.
            return ApiResults.Unavailable(http, "The project's workspace is moving between hosts; try again shortly.");
        }

        return await http.RequestServices.GetRequiredService<ClusterForwarder>().ForwardAsync(http, owner, project.Id).ConfigureAwait(false)
            ? Results.Empty
            : ApiResults.Unavailable(http, "The host running this project's workspace does not answer; if it has stopped, another host takes the project over shortly.");
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterRoutingFilter).FullName!);
}
