using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Supervised mode: the tool calls waiting for the person, and their answers. In cluster mode these routes
/// are served by any host: what this host does not hold is asked of the others over the command bus.</summary>
internal static class ApprovalEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/approvals", ListAsync).WithMetadata(AnyHostEndpointMetadata.Instance);
        project.MapPost("/approvals/{approvalId}", ResolveAsync).WithMetadata(AnyHostEndpointMetadata.Instance);
    }

    private static async Task<Results<Ok<ApprovalDto[]>, ProblemHttpResult>> ListAsync(HttpContext context, ToolApprovalGate gate,
        CancellationToken cancellationToken)
    {
        var projectId = context.GetProject().Id;
        IEnumerable<ApprovalDto> list = gate.List(projectId).Select(ApprovalDtos.From);
        if (context.RequestServices.GetService<ClusterCommandBus>() is { } bus)
        {
            try
            {
                list = list.Concat(await bus.ListApprovalsAsync(projectId, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ClusterRedis.IsOutage(ex))
            {
                return Unavailable(context);
            }
        }

        return TypedResults.Ok(list.OrderBy(a => a.RequestedAt).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResolveAsync(HttpContext context, string approvalId,
        ResolveApprovalRequest? request, ToolApprovalGate gate, CancellationToken cancellationToken)
    {
        if (request?.Approved is not { } approved)
        {
            return ApiResults.BadRequest("A JSON body { \"approved\": true|false } is required.");
        }

        var projectId = context.GetProject().Id;
        var resolved = gate.TryResolve(projectId, approvalId, approved);
        if (!resolved && context.RequestServices.GetService<ClusterCommandBus>() is { } bus)
        {
            try
            {
                resolved = await bus.ResolveAsync(projectId, approvalId, approved, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ClusterRedis.IsOutage(ex))
            {
                return Unavailable(context);
            }
        }

        return resolved
            ? TypedResults.NoContent()
            : ApiResults.NotFound("Approval not found (it may have been answered or have timed out)");
    }

    private static ProblemHttpResult Unavailable(HttpContext context) =>
        ApiResults.Unavailable(context, "The cluster's coordination store (Redis) is unreachable, so the hosts running turns could not be asked; try again shortly.");
}
