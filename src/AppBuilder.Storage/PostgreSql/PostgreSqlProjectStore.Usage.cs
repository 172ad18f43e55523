using System.Text;
using AppBuilder.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>The store's <see cref="IUsageStore"/> side: table <c>usage_records</c> (schema version 2), on the same
/// connections and migrations as the projects. An append of an id already stored does nothing.</summary>
internal sealed partial class PostgreSqlProjectStore : IUsageStore
{
    private const string UsageColumns =
        "id, at, project_id, session_id, turn_id, user_id, step, provider, model_id, input_tokens, output_tokens, " +
        "cached_input_tokens, cost, latency_us, outcome, error_code";

    public Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        UsageRecord.Validate(record, nameof(record));
        RejectNul(record.UserId, nameof(record), "user id");
        RejectNul(record.Step, nameof(record), "step");
        RejectNul(record.Provider, nameof(record), "provider");
        RejectNul(record.ModelId, nameof(record), "model id");
        RejectNul(record.ErrorCode, nameof(record), "error code");
        return WriteAsync(record.ProjectId, "record usage of", async connection =>
        {
            var command = new NpgsqlCommand(
                $"INSERT INTO {_usage} ({UsageColumns}) VALUES (@id, @at, @project_id, @session_id, @turn_id, @user_id, @step, " +
                "@provider, @model_id, @input_tokens, @output_tokens, @cached_input_tokens, @cost, @latency_us, @outcome, @error_code) " +
                "ON CONFLICT (id) DO NOTHING", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(Text("id", record.Id));
                command.Parameters.Add(Time("at", record.Timestamp));
                command.Parameters.Add(Text("project_id", record.ProjectId));
                command.Parameters.Add(Text("session_id", record.SessionId));
                command.Parameters.Add(Text("turn_id", record.TurnId));
                command.Parameters.Add(Text("user_id", record.UserId));
                command.Parameters.Add(Text("step", record.Step));
                command.Parameters.Add(Text("provider", record.Provider));
                command.Parameters.Add(Text("model_id", record.ModelId));
                command.Parameters.Add(BigInt("input_tokens", record.InputTokens));
                command.Parameters.Add(BigInt("output_tokens", record.OutputTokens));
                command.Parameters.Add(BigInt("cached_input_tokens", record.CachedInputTokens));
                command.Parameters.Add(new NpgsqlParameter("cost", NpgsqlDbType.Numeric) { Value = (object?)record.Cost ?? DBNull.Value });
                command.Parameters.Add(BigInt("latency_us", record.Latency.Ticks / TimeSpan.TicksPerMicrosecond));
                command.Parameters.Add(Text("outcome", record.Outcome.ToString()));
                command.Parameters.Add(Text("error_code", record.ErrorCode));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<UsageRecord>> ListAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        UsageQueries.Validate(query, nameof(query));
        return ReadAsync(query.ProjectId ?? "*", "read usage of", async connection =>
        {
            var command = UsageCommand(connection, $"SELECT {UsageColumns} FROM {_usage}", query, " ORDER BY at, id");
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var records = new List<UsageRecord>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(ReadUsage(reader));
                    }

                    return (IReadOnlyList<UsageRecord>)records;
                }
            }
        }, cancellationToken);
    }

    public Task<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        UsageQueries.Validate(query, nameof(query));
        return ReadAsync(query.ProjectId ?? "*", "read usage of", async connection =>
        {
            var command = UsageCommand(connection,
                "SELECT count(*), COALESCE(sum(input_tokens), 0)::bigint, COALESCE(sum(output_tokens), 0)::bigint, " +
                "COALESCE(sum(cached_input_tokens), 0)::bigint, COALESCE(sum(cost), 0), count(*) FILTER (WHERE cost IS NULL) " +
                $"FROM {_usage}", query, "");
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    return new UsageTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                        reader.GetDecimal(4), reader.GetInt64(5));
                }
            }
        }, cancellationToken);
    }

    private static NpgsqlCommand UsageCommand(NpgsqlConnection connection, string select, UsageQuery query, string suffix)
    {
        var sql = new StringBuilder(select);
        var command = new NpgsqlCommand { Connection = connection };
        var where = " WHERE ";
        void Filter(string condition, NpgsqlParameter parameter)
        {
            sql.Append(where).Append(condition);
            where = " AND ";
            command.Parameters.Add(parameter);
        }

        if (query.ProjectId is not null)
        {
            Filter("project_id = @project_id", Text("project_id", query.ProjectId));
        }

        if (query.UserId is not null)
        {
            Filter("user_id = @user_id", Text("user_id", query.UserId));
        }

        if (query.Since is { } since)
        {
            Filter("at >= @since", Time("since", since));
        }

        if (query.Until is { } until)
        {
            Filter("at < @until", Time("until", until));
        }

        command.CommandText = sql.Append(suffix).ToString();
        return command;
    }

    private static UsageRecord ReadUsage(NpgsqlDataReader reader)
    {
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        string? String(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new UsageRecord
        {
            Id = reader.GetString(0),
            Timestamp = reader.GetFieldValue<DateTimeOffset>(1),
            ProjectId = reader.GetString(2),
            SessionId = reader.GetString(3),
            TurnId = reader.GetString(4),
            UserId = String(5),
            Step = reader.GetString(6),
            Provider = String(7),
            ModelId = String(8),
            InputTokens = Long(9),
            OutputTokens = Long(10),
            CachedInputTokens = Long(11),
            Cost = reader.IsDBNull(12) ? null : reader.GetDecimal(12),
            Latency = TimeSpan.FromTicks(reader.GetInt64(13) * TimeSpan.TicksPerMicrosecond),
            Outcome = Enum.TryParse<UsageOutcome>(reader.GetString(14), ignoreCase: false, out var outcome) ? outcome : UsageOutcome.Error,
            ErrorCode = String(15),
        };
    }

    private static NpgsqlParameter BigInt(string name, long? value) =>
        new(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value };
}
