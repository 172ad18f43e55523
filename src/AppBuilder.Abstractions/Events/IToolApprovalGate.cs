namespace AppBuilder.Events;

/// <summary>
/// Decides whether a tool call in supervised mode may run. The agent emits an <see cref="ApprovalRequestedEvent"/>
/// and then waits on the gate; a host resolves it when the person clicks approve or deny.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IToolApprovalGate
{
    /// <summary>Waits for the answer to <paramref name="request"/>; cancelling the token counts as a denial.</summary>
    Task<bool> WaitForApprovalAsync(ApprovalRequestedEvent request, string projectId, CancellationToken cancellationToken = default);
}
