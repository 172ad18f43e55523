using Microsoft.Extensions.Options;
using Npgsql;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlProjectStoreOptions"/> at start, with messages that say how to fix them. The
/// connection string is never echoed: it may hold a password.</summary>
internal sealed class PostgreSqlProjectStoreOptionsValidator : IValidateOptions<PostgreSqlProjectStoreOptions>
{
    private const string Section = PostgreSqlProjectStoreOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PostgreSqlProjectStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is required. Set it to an Npgsql connection string such as " +
                "\"Host=db;Database=appbuilder;Username=appbuilder;Password=...\" " +
                "(AddPostgreSqlProjects(o => o.ConnectionString = \"...\")).");
        }
        else if (ConnectionStringProblem(options.ConnectionString) is { } problem)
        {
            failures.Add($"{Section}:ConnectionString is not a valid Npgsql connection string: {problem}.");
        }

        if (!IsValidSchema(options.Schema))
        {
            failures.Add($"{Section}:Schema '{options.Schema}' is not allowed: use 1-63 lower-case letters, digits and '_', " +
                "not starting with a digit or 'pg_' (for example \"appbuilder\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether <paramref name="schema"/> can be used unquoted-equivalent in SQL (it is always quoted anyway).</summary>
    public static bool IsValidSchema(string? schema) =>
        !string.IsNullOrEmpty(schema) && schema.Length <= 63 &&
        !char.IsAsciiDigit(schema[0]) && !schema.StartsWith("pg_", StringComparison.Ordinal) &&
        schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static string? ConnectionStringProblem(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            // Npgsql's message may quote the offending part, which can be the password: keep only the kind of fault.
            return "a keyword is unknown or a value has the wrong form (write it as Key=Value;Key=Value)";
        }

        return string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host" : null;
    }
}
