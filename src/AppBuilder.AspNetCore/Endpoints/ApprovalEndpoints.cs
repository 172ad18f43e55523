using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Supervised mode: the tool calls waiting for the person, and their answers.</summary>
internal static class ApprovalEndpoints
{
    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/approvals", List);
        project.MapPost("/approvals/{approvalId}", Resolve);
    }

    private static Ok<ApprovalDto[]> List(HttpContext context, ToolApprovalGate gate) =>
        TypedResults.Ok(gate.List(context.GetProject().Id)
            .Select(p => new ApprovalDto(p.Request.ApprovalId, p.Request.CallId, p.Request.ToolName, p.Request.Arguments, p.RequestedAt))
            .ToArray());

    private static Results<NoContent, ProblemHttpResult> Resolve(HttpContext context, string approvalId, ResolveApprovalRequest? request,
        ToolApprovalGate gate)
    {
        if (request?.Approved is not { } approved)
        {
            return ApiResults.BadRequest("A JSON body { \"approved\": true|false } is required.");
        }

        return gate.TryResolve(context.GetProject().Id, approvalId, approved)
            ? TypedResults.NoContent()
            : ApiResults.NotFound("Approval not found (it may have been answered or have timed out)");
    }
}
