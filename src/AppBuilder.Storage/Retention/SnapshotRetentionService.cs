using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Retention;

/// <summary>Runs <see cref="ISnapshotCollector.CollectAsync(SnapshotRetention, CancellationToken)"/> every
/// <see cref="SnapshotRetentionOptions.Interval"/> (the first run one interval after start); a failed run is logged and
/// the next one runs on time.</summary>
internal sealed class SnapshotRetentionService(ISnapshotStore store, IOptions<SnapshotRetentionOptions> options, TimeProvider timeProvider,
    ILogger<SnapshotRetentionService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _timerStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the interval timer runs. ExecuteAsync starts on a thread-pool thread (.NET 10), so a
    /// test on a fake clock waits for this before it moves the clock.</summary>
    internal Task TimerStarted => _timerStarted.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || store is not ISnapshotCollector collector)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        _timerStarted.TrySetResult();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(collector, settings.ToRetention(), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One clean-up; never throws except on cancellation.</summary>
    internal async Task<SnapshotCollection?> RunOnceAsync(ISnapshotCollector collector, SnapshotRetention retention, CancellationToken cancellationToken)
    {
        try
        {
            var result = await collector.CollectAsync(retention, cancellationToken).ConfigureAwait(false);
            StorageLog.CollectionFinished(logger, result.Projects, result.CheckpointsDeleted, result.BlobsDeleted, result.BytesFreed);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StorageLog.CollectionFailed(logger, ex);
            return null;
        }
    }
}
