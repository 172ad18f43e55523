using AppBuilder.AspNetCore.Approvals;

namespace AppBuilder.AspNetCore.Endpoints.Dtos;

/// <summary>Maps pending approvals to their wire shape.</summary>
internal static class ApprovalDtos
{
    public static ApprovalDto From(PendingApproval pending) =>
        new(pending.Request.ApprovalId, pending.Request.CallId, pending.Request.ToolName, pending.Request.Arguments, pending.RequestedAt);
}
