using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

internal sealed partial class PostgreSqlProjectStore
{
    private const string ForeignKeyViolation = "23503";

    public Task CreateSessionAsync(ChatSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var projectId = StorageId.Validate(session.ProjectId, nameof(session));
        var sessionId = StorageId.Validate(session.Id, nameof(session));
        ArgumentNullException.ThrowIfNull(session.Title, nameof(session));
        RejectNul(session.Title, nameof(session), "session title");
        return WriteAsync(projectId, "create a session in", async connection =>
        {
            var command = new NpgsqlCommand(
                $"INSERT INTO {_sessions} (project_id, id, title, created_at) VALUES (@project_id, @id, @title, @created_at) " +
                "ON CONFLICT (project_id, id) DO NOTHING", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(Text("project_id", projectId));
                command.Parameters.Add(Text("id", sessionId));
                command.Parameters.Add(Text("title", session.Title));
                command.Parameters.Add(Time("created_at", session.CreatedAt));
                int inserted;
                try
                {
                    inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == ForeignKeyViolation)
                {
                    throw new KeyNotFoundException($"Project '{projectId}' does not exist.");
                }

                if (inserted == 0)
                {
                    throw new InvalidOperationException($"Project '{projectId}' already has a session with id '{sessionId}'.");
                }
            }

            return true;
        }, cancellationToken);
    }

    public Task<ChatSessionRecord?> GetSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        return ReadAsync(projectId, "read a session of", async connection =>
        {
            var sessions = await QuerySessionsAsync(connection, "project_id = @project_id AND id = @id", projectId, sessionId,
                cancellationToken).ConfigureAwait(false);
            return sessions.Count == 0 ? null : sessions[0];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ChatSessionRecord>> ListSessionsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return ReadAsync(projectId, "list the sessions of",
            connection => QuerySessionsAsync(connection, "project_id = @project_id", projectId, null, cancellationToken),
            cancellationToken);
    }

    private async Task<IReadOnlyList<ChatSessionRecord>> QuerySessionsAsync(NpgsqlConnection connection, string where,
        string projectId, string? sessionId, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            $"SELECT project_id, id, title, created_at FROM {_sessions} WHERE {where} ORDER BY created_at, id", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Text("project_id", projectId));
            if (sessionId is not null)
            {
                command.Parameters.Add(Text("id", sessionId));
            }

            var sessions = new List<ChatSessionRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    sessions.Add(new ChatSessionRecord
                    {
                        ProjectId = reader.GetString(0),
                        Id = reader.GetString(1),
                        Title = reader.GetString(2),
                        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                    });
                }
            }

            return sessions;
        }
    }
}
