using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>
/// An <see cref="IProjectStore"/> in PostgreSQL: tables <c>projects</c>, <c>chat_sessions</c> and <c>chat_messages</c>
/// (one row per message, ordered by a per-session sequence) in <see cref="PostgreSqlProjectStoreOptions.Schema"/>.
/// </summary>
/// <remarks>
/// Thread-safe, and safe with any number of instances and hosts over one database: uniqueness is enforced by primary
/// keys, deletes cascade in one statement, and every writer of a session's history first updates the session row,
/// whose lock orders them, so each <see cref="AppendMessagesAsync"/> batch is stored whole, contiguous and after every
/// batch committed before it. The schema is created or migrated before the first operation (and at host start by
/// <see cref="PostgreSqlProjectStoreStartup"/>). Times are stored as <c>timestamptz</c>: they come back in UTC with
/// microsecond precision. Reads are retried once on a fresh connection when the connection was lost; writes are not
/// (their outcome is unknown), and fail with <c>storage_error</c>.
/// </remarks>
internal sealed partial class PostgreSqlProjectStore : IProjectStore, IAsyncDisposable, IDisposable
{
    private const string ProjectColumns =
        "id, owner_id, title, template, status, supervised, initial_prompt, created_at, updated_at, last_persisted_at, mcp_servers";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlSchemaMigrator _migrator;
    private readonly ILogger _logger;
    private readonly string _projects;
    private readonly string _sessions;
    private readonly string _messages;
    private readonly string _usage;
    private readonly Lock _readyLock = new();
    private Task? _ready;

    public PostgreSqlProjectStore(IOptions<PostgreSqlProjectStoreOptions> options, ILogger<PostgreSqlProjectStore>? logger = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (!PostgreSqlProjectStoreOptionsValidator.IsValidSchema(value.Schema))
        {
            throw new ArgumentException($"'{value.Schema}' is not a valid schema name.", nameof(options));
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
        var builder = new NpgsqlDataSourceBuilder(value.ConnectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "AppBuilder";
        }

        if (loggerFactory is not null)
        {
            // Npgsql's own logs (connection errors, pool pruning) go to the host's logging; parameters are never logged.
            builder.UseLoggerFactory(loggerFactory);
        }

        _dataSource = builder.Build();
        Schema = value.Schema;
        var schema = PostgreSqlSchemaMigrator.QuoteIdentifier(value.Schema);
        _projects = schema + ".projects";
        _sessions = schema + ".chat_sessions";
        _messages = schema + ".chat_messages";
        _usage = schema + ".usage_records";
        _migrator = new PostgreSqlSchemaMigrator(_dataSource, value.Schema, _logger);
    }

    /// <summary>The schema holding the tables.</summary>
    internal string Schema { get; }

    /// <summary>Creates or migrates the schema now (it is otherwise done before the first operation). A failed attempt
    /// is retried by the next call.</summary>
    /// <exception cref="AppBuilderException">The database cannot be reached or holds a newer schema (code <c>storage_error</c>).</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Task ready;
        lock (_readyLock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                // Shared by every caller, so one caller's cancellation must not cancel it for the others.
                _ready = _migrator.MigrateAsync(CancellationToken.None);
            }

            ready = _ready;
        }

        return ready.WaitAsync(cancellationToken);
    }

    public Task CreateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        var id = ValidateRecord(project);
        return WriteAsync(id, "create", async connection =>
        {
            var command = ProjectCommand(connection,
                $"INSERT INTO {_projects} ({ProjectColumns}) VALUES (@id, @owner_id, @title, @template, @status, @supervised, " +
                "@initial_prompt, @created_at, @updated_at, @last_persisted_at, @mcp_servers) ON CONFLICT (id) DO NOTHING", project);
            await using (command.ConfigureAwait(false))
            {
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new InvalidOperationException($"A project with id '{id}' already exists.");
                }
            }

            StorageLog.ProjectCreated(_logger, id);
            return true;
        }, cancellationToken);
    }

    public Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return ReadAsync(projectId, "get", async connection =>
        {
            var command = new NpgsqlCommand($"SELECT {ProjectColumns} FROM {_projects} WHERE id = @id", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(Text("id", projectId));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    return ReadProject(reader) ?? throw Damaged(projectId, "its project record has an unknown status");
                }
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ProjectRecord>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default)
    {
        if (ownerId is not null && ownerId.Contains('\0', StringComparison.Ordinal))
        {
            // No stored owner id can contain it (CreateAsync refuses it).
            return Task.FromResult<IReadOnlyList<ProjectRecord>>([]);
        }

        return ReadAsync("*", "list", async connection =>
        {
            var where = ownerId is null ? "" : " WHERE owner_id = @owner_id";
            var command = new NpgsqlCommand(
                $"SELECT {ProjectColumns} FROM {_projects}{where} ORDER BY updated_at DESC, created_at DESC, id", connection);
            await using (command.ConfigureAwait(false))
            {
                if (ownerId is not null)
                {
                    command.Parameters.Add(Text("owner_id", ownerId));
                }

                var projects = new List<ProjectRecord>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // One damaged record must not hide every other project; GetAsync on it reports the damage.
                        if (ReadProject(reader) is { } project)
                        {
                            projects.Add(project);
                        }
                        else
                        {
                            StorageLog.ProjectDataDamaged(_logger, null, reader.GetString(0), "its project record has an unknown status");
                        }
                    }
                }

                return (IReadOnlyList<ProjectRecord>)projects;
            }
        }, cancellationToken);
    }

    public Task UpdateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        var id = ValidateRecord(project);
        return WriteAsync(id, "update", async connection =>
        {
            var command = ProjectCommand(connection,
                $"UPDATE {_projects} SET owner_id = @owner_id, title = @title, template = @template, status = @status, " +
                "supervised = @supervised, initial_prompt = @initial_prompt, created_at = @created_at, updated_at = @updated_at, " +
                "last_persisted_at = @last_persisted_at, mcp_servers = @mcp_servers WHERE id = @id", project);
            await using (command.ConfigureAwait(false))
            {
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new KeyNotFoundException($"Project '{id}' does not exist.");
                }
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return WriteAsync(projectId, "delete", async connection =>
        {
            // Sessions and messages go with it (ON DELETE CASCADE), in the same statement.
            var command = new NpgsqlCommand($"DELETE FROM {_projects} WHERE id = @id", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(Text("id", projectId));
                var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
                if (deleted)
                {
                    StorageLog.ProjectDeleted(_logger, projectId);
                }

                return deleted;
            }
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => _dataSource.Dispose();
}
