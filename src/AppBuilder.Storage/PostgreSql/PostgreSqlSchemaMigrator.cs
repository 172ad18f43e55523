using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>
/// Creates the store's schema and brings it to <see cref="PostgreSqlMigration.LatestVersion"/>: one transaction that
/// first takes a transaction-scoped advisory lock named after the schema, so that hosts starting together migrate
/// once (the others wait, then find nothing to do), and that commits the scripts with their rows in
/// <c>schema_version</c> or nothing at all.
/// </summary>
internal sealed class PostgreSqlSchemaMigrator(NpgsqlDataSource dataSource, string schema, ILogger logger)
{
    private readonly string _quotedSchema = QuoteIdentifier(schema);

    /// <summary>The advisory lock key of <paramref name="schema"/>: the first 8 bytes of a SHA-256 of its name.</summary>
    public static long LockKey(string schema) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("AppBuilder.Storage.PostgreSql/" + schema)));

    /// <summary>Quotes an identifier that <see cref="PostgreSqlProjectStoreOptionsValidator.IsValidSchema"/> accepted.</summary>
    public static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Migrates; returns the versions it applied (empty when the schema was up to date).</summary>
    /// <exception cref="AppBuilderException">The database failed or holds a newer schema than this build knows.</exception>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MigrateCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            StorageLog.PostgreSqlMigrationFailed(logger, ex, schema);
            throw StorageErrors.Failure(
                $"The PostgreSQL project store could not prepare its schema '{schema}': {PostgreSqlFailure.Describe(ex)}.", ex);
        }
    }

    private async Task<IReadOnlyList<int>> MigrateCoreAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey(schema))).ConfigureAwait(false);

                // Only create what is missing, so that a user without CREATE on the database can use a schema a DBA made.
                var exists = (bool)(await ScalarAsync(connection,
                    "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", cancellationToken, ("schema", schema)).ConfigureAwait(false))!;
                if (!exists)
                {
                    await ExecuteAsync(connection, $"CREATE SCHEMA {_quotedSchema}", cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, $"SET LOCAL search_path TO {_quotedSchema}", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection,
                    "CREATE TABLE IF NOT EXISTS schema_version (" +
                    "version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    cancellationToken).ConfigureAwait(false);
                var current = (int)(await ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken).ConfigureAwait(false))!;
                var latest = PostgreSqlMigration.LatestVersion;
                if (current > latest)
                {
                    throw StorageErrors.Failure(
                        $"The PostgreSQL project store's schema '{schema}' is at version {current}, newer than this AppBuilder knows " +
                        $"({latest}). Upgrade AppBuilder on this host, or point {PostgreSqlProjectStoreOptions.SectionName}:Schema elsewhere.");
                }

                var applied = new List<int>();
                foreach (var migration in PostgreSqlMigration.All.Where(m => m.Version > current))
                {
                    await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(connection, "INSERT INTO schema_version (version, description) VALUES (@version, @description)",
                        cancellationToken, ("version", migration.Version), ("description", migration.Description)).ConfigureAwait(false);
                    applied.Add(migration.Version);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    StorageLog.PostgreSqlSchemaMigrated(logger, schema, current, latest);
                }
                else
                {
                    StorageLog.PostgreSqlSchemaUpToDate(logger, schema, current);
                }

                return applied;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        var command = Command(connection, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        var command = Command(connection, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
