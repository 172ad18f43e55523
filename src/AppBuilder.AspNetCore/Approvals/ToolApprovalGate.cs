using System.Collections.Concurrent;
using AppBuilder.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Approvals;

/// <summary>
/// Holds the supervised tool calls of every project until the approvals endpoint answers them, the configured
/// timeout passes (a denial) or the turn is cancelled (a denial).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ToolApprovalGate(IOptions<AppBuilderOptions> options, TimeProvider timeProvider, ILogger<ToolApprovalGate> logger)
    : IToolApprovalGate
{
    private readonly ConcurrentDictionary<(string ProjectId, string ApprovalId), PendingApproval> _pending = new();

    public async Task<bool> WaitForApprovalAsync(ApprovalRequestedEvent request, string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        var key = (projectId, request.ApprovalId);
        var pending = new PendingApproval(projectId, request, timeProvider.GetUtcNow());
        if (!_pending.TryAdd(key, pending))
        {
            throw new InvalidOperationException($"Approval '{request.ApprovalId}' is already pending in project '{projectId}'.");
        }

        Log.ApprovalPending(logger, projectId, request.ApprovalId, request.ToolName);
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.ApprovalTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                return await pending.Answer.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Log.ApprovalTimedOut(logger, projectId, request.ApprovalId);
                return false;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>The project's pending approvals, oldest first.</summary>
    public IReadOnlyList<PendingApproval> List(string projectId) =>
        [.. _pending.Values.Where(p => p.ProjectId == projectId).OrderBy(p => p.RequestedAt)];

    /// <summary>Answers a pending approval. Returns <see langword="false"/> when the project has no such approval.</summary>
    public bool TryResolve(string projectId, string approvalId, bool approved)
    {
        if (!_pending.TryGetValue((projectId, approvalId), out var pending))
        {
            return false;
        }

        var answered = pending.Answer.TrySetResult(approved);
        if (answered)
        {
            Log.ApprovalResolved(logger, projectId, approvalId, approved);
        }

        return answered;
    }

    /// <summary>Denies every pending approval of a project (used when the project is deleted).</summary>
    public void DenyAll(string projectId)
    {
        foreach (var pending in _pending.Values.Where(p => p.ProjectId == projectId))
        {
            pending.Answer.TrySetResult(false);
        }
    }
}
