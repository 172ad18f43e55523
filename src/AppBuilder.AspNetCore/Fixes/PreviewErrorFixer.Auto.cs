using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Fixes;

// The settle window after a fix turn, and the automatic fix turns an error's occurrences start.
internal sealed partial class PreviewErrorFixer
{
    private void StartSettling(string projectId, string errorId)
    {
        var key = (projectId, errorId);
        var timer = timeProvider.CreateTimer(_ => _ = SettleAsync(projectId, errorId), null, options.Value.AutoFix.SettleWindow, Timeout.InfiniteTimeSpan);
        if (_settling.TryRemove(key, out var previous))
        {
            previous.Dispose();
        }

        _settling[key] = timer;
    }

    private void CancelSettling(string projectId, string errorId)
    {
        if (_settling.TryRemove((projectId, errorId), out var timer))
        {
            timer.Dispose();
        }
    }

    private async Task SettleAsync(string projectId, string errorId)
    {
        if (_settling.TryRemove((projectId, errorId), out var timer))
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        var resolved = await tracker.UpdateAsync(projectId, errorId,
            e => e.State == PreviewErrorState.Verifying ? e with { State = PreviewErrorState.Resolved } : e).ConfigureAwait(false);
        if (resolved?.State == PreviewErrorState.Resolved)
        {
            FixLog.ErrorResolved(logger, projectId, errorId);
        }
    }

    private void OnOccurred(string projectId, PreviewError error)
    {
        if (error.State == PreviewErrorState.Verifying)
        {
            // It came back after the fix turn: not fixed.
            CancelSettling(projectId, error.Id);
            _ = ReopenAsync(projectId, error.Id);
            return;
        }

        if (error.State == PreviewErrorState.Open)
        {
            _ = TryAutoFixAsync(projectId, error.Id);
        }
    }

    private async Task ReopenAsync(string projectId, string errorId)
    {
        await tracker.UpdateAsync(projectId, errorId,
            e => e.State == PreviewErrorState.Verifying ? e with { State = PreviewErrorState.Open } : e).ConfigureAwait(false);
        await TryAutoFixAsync(projectId, errorId).ConfigureAwait(false);
    }

    private async Task TryAutoFixAsync(string projectId, string errorId)
    {
        var autoFix = options.Value.AutoFix;
        if (!autoFix.Enabled || _stopping.IsCancellationRequested || tracker.Find(projectId, errorId) is not { State: PreviewErrorState.Open } error)
        {
            return;
        }

        if (error.Attempts >= autoFix.MaxAttempts)
        {
            if (_gaveUp.TryAdd((projectId, errorId), 0))
            {
                FixLog.AutoFixGaveUp(logger, projectId, errorId, error.Attempts);
            }

            return;
        }

        try
        {
            var project = await projects.GetAsync(projectId, _stopping.Token).ConfigureAwait(false);
            if (project is null)
            {
                return;
            }

            var outcome = await StartAsync(project, errorId, null, automatic: true, _stopping.Token).ConfigureAwait(false);
            if (outcome.Status != FixStartStatus.Started)
            {
                FixLog.AutoFixSkipped(logger, projectId, errorId, outcome.Status);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Host shutdown.
        }
        catch (Exception ex)
        {
            FixLog.FixFailed(logger, ex, projectId, errorId);
        }
    }
}
