using System.Text;
using System.Text.Json;
using AppBuilder.Mcp;
using AppBuilder.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace AppBuilder.Storage.PostgreSql;

internal sealed partial class PostgreSqlProjectStore
{
    private static string ValidateRecord(ProjectRecord project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var id = StorageId.Validate(project.Id, nameof(project));
        ArgumentNullException.ThrowIfNull(project.OwnerId, nameof(project));
        ArgumentNullException.ThrowIfNull(project.Title, nameof(project));
        RejectNul(project.OwnerId, nameof(project), "owner id");
        RejectNul(project.Title, nameof(project), "title");
        RejectNul(project.Template, nameof(project), "template");
        RejectNul(project.InitialPrompt, nameof(project), "initial prompt");
        return id;
    }

    /// <summary>PostgreSQL text cannot hold U+0000: refuse it clearly rather than fail in the database.</summary>
    private static void RejectNul(string? value, string paramName, string what)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} contains a NUL character (U+0000), which PostgreSQL cannot store.", paramName);
        }
    }

    /// <summary>Replaces unpaired surrogates with U+FFFD, as writing UTF-8 JSON does in the file store (Npgsql's
    /// strict UTF-8 encoder would throw instead).</summary>
    private static string? ToValidUtf16(string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (char.IsSurrogate(c))
            {
                return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
            }
        }

        return value;
    }

    private static NpgsqlCommand ProjectCommand(NpgsqlConnection connection, string sql, ProjectRecord project)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Text("id", project.Id));
        command.Parameters.Add(Text("owner_id", project.OwnerId));
        command.Parameters.Add(Text("title", project.Title));
        command.Parameters.Add(Text("template", project.Template));
        command.Parameters.Add(Text("status", project.Status.ToString()));
        command.Parameters.Add(new NpgsqlParameter<bool>("supervised", project.Supervised));
        command.Parameters.Add(Text("initial_prompt", project.InitialPrompt));
        command.Parameters.Add(Time("created_at", project.CreatedAt));
        command.Parameters.Add(Time("updated_at", project.UpdatedAt));
        command.Parameters.Add(Time("last_persisted_at", project.LastPersistedAt));
        command.Parameters.Add(new NpgsqlParameter("mcp_servers", NpgsqlDbType.Jsonb)
        {
            Value = project.McpServers is { Count: > 0 } servers
                ? JsonSerializer.Serialize(servers, StorageJsonContext.Default.IReadOnlyDictionaryStringMcpServerDefinition)
                : DBNull.Value,
        });
        return command;
    }

    /// <summary>Reads a row of <see cref="ProjectColumns"/>, or <see langword="null"/> when its status is unknown.</summary>
    private static ProjectRecord? ReadProject(NpgsqlDataReader reader)
    {
        if (!Enum.TryParse<ProjectStatus>(reader.GetString(4), ignoreCase: false, out var status) || !Enum.IsDefined(status))
        {
            return null;
        }

        var project = new ProjectRecord
        {
            Id = reader.GetString(0),
            OwnerId = reader.GetString(1),
            Title = reader.GetString(2),
            Status = status,
            Supervised = reader.GetBoolean(5),
            InitialPrompt = reader.IsDBNull(6) ? null : reader.GetString(6),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(8),
            LastPersistedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        };
        if (!reader.IsDBNull(10) &&
            JsonSerializer.Deserialize(reader.GetString(10), StorageJsonContext.Default.IReadOnlyDictionaryStringMcpServerDefinition) is { } servers)
        {
            project = project with { McpServers = servers };
        }

        // A null template is stored as NULL and read back as the default, as the file store does.
        return reader.IsDBNull(3) ? project : project with { Template = reader.GetString(3) };
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)ToValidUtf16(value) ?? DBNull.Value };

    // timestamptz takes UTC only (Npgsql refuses other offsets); the instant is kept.
    private static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };
}
