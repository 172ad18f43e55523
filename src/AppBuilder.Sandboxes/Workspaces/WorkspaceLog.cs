using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.Workspaces;

/// <summary>Log messages of the workspace manager (event ids 2400–2499).</summary>
internal static partial class WorkspaceLog
{
    [LoggerMessage(2400, LogLevel.Information, "Project {ProjectId}: opening a new workspace (sandbox {SandboxId}).")]
    public static partial void Opening(ILogger logger, string projectId, string sandboxId);

    [LoggerMessage(2401, LogLevel.Information, "Project {ProjectId}: {Source}; dependencies {Dependencies}; ready at {Url} in {Duration}.")]
    public static partial void Opened(ILogger logger, string projectId, string source, string dependencies, Uri? url, TimeSpan duration);

    [LoggerMessage(2402, LogLevel.Error, "Project {ProjectId}: persisting to the snapshot store failed; the sandbox keeps running with its files.")]
    public static partial void PersistFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(2403, LogLevel.Information, "Project {ProjectId}: persisted checkpoint {Number} ({Files} files).")]
    public static partial void Persisted(ILogger logger, string projectId, int number, int files);

    [LoggerMessage(2404, LogLevel.Information, "Project {ProjectId}: idle since its lease expired at {ExpiredAt}; persisting and stopping.")]
    public static partial void Idle(ILogger logger, string projectId, DateTimeOffset expiredAt);

    [LoggerMessage(2405, LogLevel.Warning, "Project {ProjectId}: its sandbox {SandboxId} is gone; the next open restores it from the latest snapshot.")]
    public static partial void SandboxLost(ILogger logger, string projectId, string sandboxId);

    [LoggerMessage(2406, LogLevel.Error, "Project {ProjectId}: the workspace failed to start.")]
    public static partial void StartFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(2407, LogLevel.Warning, "A WorkspaceManager.Changed handler threw.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(2408, LogLevel.Information, "Project {ProjectId}: closed (persisted: {Persisted}).")]
    public static partial void Closed(ILogger logger, string projectId, bool persisted);

    [LoggerMessage(2409, LogLevel.Warning, "Project {ProjectId}: the idle reaper could not put the workspace to sleep; it retries later.")]
    public static partial void ReapFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(2410, LogLevel.Warning, "Project {ProjectId}: recording the persist time in the project store failed.")]
    public static partial void ProjectStoreFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(2411, LogLevel.Information, "Project {ProjectId}: restored checkpoint {Checkpoint} ({Written} files written, {Removed} removed; dependencies changed: {DependenciesChanged}).")]
    public static partial void Restored(ILogger logger, string projectId, int checkpoint, int written, int removed, bool dependenciesChanged);

    [LoggerMessage(2412, LogLevel.Warning, "Project {ProjectId}: checkpoint {Checkpoint} was restored and saved, but reinstalling its dependencies failed; the workspace shows the error.")]
    public static partial void RestoreReinstallFailed(ILogger logger, Exception exception, string projectId, int checkpoint);

    [LoggerMessage(2413, LogLevel.Error, "Project {ProjectId}: stopping its sandbox at shutdown failed; the others are still stopped.")]
    public static partial void DisposeFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(2600, LogLevel.Warning, "Project {ProjectId}: this host no longer owns the workspace; stopping it without persisting (the owner restored it from the latest checkpoint).")]
    public static partial void Fenced(ILogger logger, string projectId);
}
