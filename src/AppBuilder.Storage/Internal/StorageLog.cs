using Microsoft.Extensions.Logging;

namespace AppBuilder.Storage.Internal;

/// <summary>The storage package's log messages. Event ids are stable: 4000-4099 project store (4010-4019 PostgreSQL), 4100-4199 snapshots, 4300-4319 checkpoint retention and clean-up, 4500-4519 S3 requests.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Created project {ProjectId}.")]
    public static partial void ProjectCreated(ILogger logger, string projectId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Deleted project {ProjectId} with its sessions and messages.")]
    public static partial void ProjectDeleted(ILogger logger, string projectId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Discarded an incomplete last line of the history of session {SessionId} in project {ProjectId} (an append that did not finish).")]
    public static partial void TornLineDiscarded(ILogger logger, string projectId, string sessionId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Stored data of project {ProjectId} is damaged: {Reason}.")]
    public static partial void ProjectDataDamaged(ILogger logger, Exception? exception, string projectId, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Project store operation '{Operation}' failed for project {ProjectId}.")]
    public static partial void ProjectStoreFailed(ILogger logger, Exception exception, string operation, string projectId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Migrated the PostgreSQL project store's schema {Schema} from version {FromVersion} to {ToVersion}.")]
    public static partial void PostgreSqlSchemaMigrated(ILogger logger, string schema, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "The PostgreSQL project store's schema {Schema} is up to date (version {Version}).")]
    public static partial void PostgreSqlSchemaUpToDate(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Error, Message = "Could not prepare the PostgreSQL project store's schema {Schema}.")]
    public static partial void PostgreSqlMigrationFailed(ILogger logger, Exception exception, string schema);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning,
        Message = "Project store read '{Operation}' lost its PostgreSQL connection; retrying once on a fresh connection.")]
    public static partial void PostgreSqlReadRetried(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Stored checkpoint {Number} of project {ProjectId}: {FileCount} files, {TotalBytes} bytes, {NewBlobs} new blobs.")]
    public static partial void CheckpointStored(ILogger logger, string projectId, int number, int fileCount, long totalBytes, int newBlobs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Restored checkpoint {Number} of project {ProjectId}: {FileCount} files.")]
    public static partial void CheckpointRestored(ILogger logger, string projectId, int number, int fileCount);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Deleted every checkpoint of project {ProjectId}.")]
    public static partial void CheckpointsDeleted(ILogger logger, string projectId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Checkpoint {Number} of project {ProjectId} is damaged: {Reason}.")]
    public static partial void CheckpointDamaged(ILogger logger, Exception? exception, string projectId, int number, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Snapshot operation '{Operation}' failed for project {ProjectId}.")]
    public static partial void SnapshotStoreFailed(ILogger logger, Exception exception, string operation, string projectId);

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Cleaned up project {ProjectId}: {Checkpoints} checkpoints past retention and {Blobs} unreferenced blobs ({Bytes} bytes) deleted.")]
    public static partial void CheckpointsCollected(ILogger logger, string projectId, int checkpoints, int blobs, long bytes);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "Snapshot clean-up finished: {Projects} projects, {Checkpoints} checkpoints and {Blobs} blobs ({Bytes} bytes) deleted.")]
    public static partial void CollectionFinished(ILogger logger, int projects, int checkpoints, int blobs, long bytes);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Snapshot clean-up failed; it runs again after the interval.")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4500, Level = LogLevel.Warning,
        Message = "S3 request attempt {Attempt} of {Attempts} failed ({Reason}); retrying in {Delay}.")]
    public static partial void S3RequestRetried(ILogger logger, Exception? exception, int attempt, int attempts, string reason, TimeSpan delay);
}
