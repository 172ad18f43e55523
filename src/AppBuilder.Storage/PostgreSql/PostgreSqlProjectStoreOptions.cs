namespace AppBuilder.Storage;

/// <summary>
/// Where <c>AddPostgreSqlProjects</c> keeps projects, chat sessions and their messages: a PostgreSQL database (12 or
/// newer). Bound from <see cref="SectionName"/>.
/// </summary>
/// <remarks>The store creates <see cref="Schema"/> and its tables when the host starts and migrates them to the
/// version it knows; the database user therefore needs to own the schema (or be allowed to create it).</remarks>
public sealed class PostgreSqlProjectStoreOptions
{
    /// <summary>The configuration section these options are bound from: <c>AppBuilder:Storage:PostgreSql</c>.</summary>
    public const string SectionName = "AppBuilder:Storage:PostgreSql";

    /// <summary>
    /// An Npgsql connection string, such as <c>Host=db;Database=appbuilder;Username=appbuilder;Password=…</c>. Required.
    /// Pooling, timeouts (<c>Timeout</c>, <c>Command Timeout</c>) and TLS are set here. It is never put into an error
    /// message.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the store's tables; created when missing. 1–63 lower-case letters, digits and '_',
    /// not starting with a digit and not starting with <c>pg_</c>. Default <c>appbuilder</c>.</summary>
    public string Schema { get; set; } = "appbuilder";
}
