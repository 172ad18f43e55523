using AppBuilder.Events;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>An approval gate that answers every request the same way and records the requests.</summary>
internal sealed class ScriptedApprovalGate(bool approve) : IToolApprovalGate
{
    private readonly List<ApprovalRequestedEvent> _requests = [];

    public IReadOnlyList<ApprovalRequestedEvent> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public TaskCompletionSource<bool>? Pending { get; set; }

    public async Task<bool> WaitForApprovalAsync(ApprovalRequestedEvent request, string projectId, CancellationToken cancellationToken = default)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return Pending is { } pending ? await pending.Task.WaitAsync(cancellationToken) : approve;
    }
}
