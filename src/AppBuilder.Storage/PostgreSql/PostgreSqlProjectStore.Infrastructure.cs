using AppBuilder.Storage.Internal;
using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

internal sealed partial class PostgreSqlProjectStore
{
    /// <summary>Runs a read on a pooled connection. When that connection turns out to be lost (for example one the
    /// server ended while it sat idle in the pool) the read is retried once on a fresh connection; a failure to
    /// connect at all is not retried.</summary>
    private async Task<T> ReadAsync<T>(string projectId, string operation, Func<NpgsqlConnection, Task<T>> action,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, operation, async () =>
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    return await action(connection).ConfigureAwait(false);
                }
                catch (Exception ex) when (PostgreSqlFailure.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
                {
                    StorageLog.PostgreSqlReadRetried(_logger, ex, operation);
                    _dataSource.Clear();
                }
            }

            return await RunAsync(action, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a write on a pooled connection. It is not retried: a lost connection leaves its outcome unknown.</summary>
    private async Task<T> WriteAsync<T>(string projectId, string operation, Func<NpgsqlConnection, Task<T>> action,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, operation, () => RunAsync(action, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> action, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await action(connection).ConfigureAwait(false);
        }
    }

    private async Task<T> GuardAsync<T>(string projectId, string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            throw Failure(projectId, operation, ex);
        }
    }

    private AppBuilderException Failure(string projectId, string operation, Exception exception)
    {
        if (PostgreSqlFailure.IsTransient(exception))
        {
            // Connections pooled next to a lost one are likely lost too (a server restart ends them all): drop them so
            // that the next operations open fresh ones instead of failing one by one.
            _dataSource.Clear();
        }

        StorageLog.ProjectStoreFailed(_logger, exception, operation, projectId);
        return StorageErrors.Failure(
            $"The project store could not {operation} {(projectId == "*" ? "projects" : $"project '{projectId}'")}: " +
            $"{PostgreSqlFailure.Describe(exception)}.", exception);
    }

    private AppBuilderException Damaged(string projectId, string reason)
    {
        StorageLog.ProjectDataDamaged(_logger, null, projectId, reason);
        return StorageErrors.Failure($"The stored data of project '{projectId}' is damaged: {reason}.");
    }
}
