using AppBuilder.Events;

namespace AppBuilder.AspNetCore.Approvals;

/// <summary>A supervised tool call waiting for the person's answer.</summary>
internal sealed class PendingApproval(string projectId, ApprovalRequestedEvent request, DateTimeOffset requestedAt)
{
    public string ProjectId { get; } = projectId;

    public ApprovalRequestedEvent Request { get; } = request;

    public DateTimeOffset RequestedAt { get; } = requestedAt;

    public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
