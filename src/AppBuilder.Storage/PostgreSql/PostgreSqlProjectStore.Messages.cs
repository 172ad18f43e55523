using System.Text.Json;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.AI;
using Npgsql;
using NpgsqlTypes;

namespace AppBuilder.Storage.PostgreSql;

internal sealed partial class PostgreSqlProjectStore
{
    public Task AppendMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        var rows = SerializeBatch(messages);
        return WriteAsync(projectId, "append messages to", async connection =>
        {
            if (rows.Length == 0)
            {
                await EnsureSessionExistsAsync(connection, projectId, sessionId, cancellationToken).ConfigureAwait(false);
                return true;
            }

            // One statement, so one transaction: the UPDATE takes the session row's lock (ordering concurrent writers)
            // and reserves the batch's seq numbers; the INSERT stores the whole batch or, on any failure, nothing.
            var command = new NpgsqlCommand(
                $"WITH s AS (UPDATE {_sessions} SET next_seq = next_seq + cardinality(@messages) " +
                "WHERE project_id = @project_id AND id = @session_id RETURNING next_seq - cardinality(@messages) AS base), " +
                $"i AS (INSERT INTO {_messages} (project_id, session_id, seq, message) " +
                "SELECT @project_id, @session_id, s.base + m.ord - 1, m.message " +
                "FROM s, unnest(@messages) WITH ORDINALITY AS m (message, ord)) " +
                "SELECT count(*) FROM s", connection);
            await using (command.ConfigureAwait(false))
            {
                AddSessionKey(command, projectId, sessionId);
                command.Parameters.Add(new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows });
                if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
                {
                    throw SessionNotFound(projectId, sessionId);
                }
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        return ReadAsync(projectId, "read messages of", async connection =>
        {
            var command = new NpgsqlCommand(
                $"SELECT seq, message FROM {_messages} WHERE project_id = @project_id AND session_id = @session_id ORDER BY seq",
                connection);
            await using (command.ConfigureAwait(false))
            {
                AddSessionKey(command, projectId, sessionId);
                var messages = new List<ChatMessage>();
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        messages.Add(Deserialize(projectId, sessionId, reader.GetInt64(0), reader.GetString(1)));
                    }
                }

                return (IReadOnlyList<ChatMessage>)messages;
            }
        }, cancellationToken);
    }

    public Task ReplaceMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        var rows = SerializeBatch(messages);
        return WriteAsync(projectId, "replace messages of", async connection =>
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The new history takes fresh seq numbers after the old ones, so it never collides with rows being
                // deleted. The DELETE is a statement of its own: it runs after the UPDATE holds the session row's lock,
                // so it sees every append committed before, which a single statement's snapshot would not.
                long firstSeq;
                var reserve = new NpgsqlCommand(
                    $"UPDATE {_sessions} SET next_seq = next_seq + @count WHERE project_id = @project_id AND id = @session_id " +
                    "RETURNING next_seq - @count", connection, transaction);
                await using (reserve.ConfigureAwait(false))
                {
                    AddSessionKey(reserve, projectId, sessionId);
                    reserve.Parameters.Add(new NpgsqlParameter<long>("count", rows.Length));
                    firstSeq = await reserve.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seq
                        ? seq
                        : throw SessionNotFound(projectId, sessionId);
                }

                var replace = new NpgsqlCommand(
                    $"DELETE FROM {_messages} WHERE project_id = @project_id AND session_id = @session_id AND seq < @first; " +
                    $"INSERT INTO {_messages} (project_id, session_id, seq, message) " +
                    "SELECT @project_id, @session_id, @first + m.ord - 1, m.message FROM unnest(@messages) WITH ORDINALITY AS m (message, ord)",
                    connection, transaction);
                await using (replace.ConfigureAwait(false))
                {
                    AddSessionKey(replace, projectId, sessionId);
                    replace.Parameters.Add(new NpgsqlParameter<long>("first", firstSeq));
                    replace.Parameters.Add(new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows });
                    await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    private static string[] SerializeBatch(IReadOnlyList<ChatMessage> messages)
    {
        ChatMessageJson.ValidateBatch(messages, nameof(messages));
        var rows = new string[messages.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = JsonSerializer.Serialize(messages[i], ChatMessageJson.TypeInfo);
        }

        return rows;
    }

    private ChatMessage Deserialize(string projectId, string sessionId, long seq, string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ChatMessageJson.TypeInfo) ?? throw new JsonException("The message is null.");
        }
        catch (JsonException ex)
        {
            var reason = $"message {seq} of the history of session '{sessionId}' cannot be read";
            StorageLog.ProjectDataDamaged(_logger, ex, projectId, reason);
            throw StorageErrors.Failure($"The stored data of project '{projectId}' is damaged: {reason}.", ex);
        }
    }

    private async Task EnsureSessionExistsAsync(NpgsqlConnection connection, string projectId, string sessionId,
        CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"SELECT 1 FROM {_sessions} WHERE project_id = @project_id AND id = @session_id", connection);
        await using (command.ConfigureAwait(false))
        {
            AddSessionKey(command, projectId, sessionId);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw SessionNotFound(projectId, sessionId);
            }
        }
    }

    private static void AddSessionKey(NpgsqlCommand command, string projectId, string sessionId)
    {
        command.Parameters.Add(Text("project_id", projectId));
        command.Parameters.Add(Text("session_id", sessionId));
    }

    private static KeyNotFoundException SessionNotFound(string projectId, string sessionId) =>
        new($"Session '{sessionId}' of project '{projectId}' does not exist; create it with CreateSessionAsync first.");
}
