using System.Globalization;
using System.Reflection;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>One schema migration: an SQL script embedded as <c>PostgreSql/Migrations/NNNN_description.sql</c>.</summary>
/// <param name="Version">The schema version the script brings the database to (1, 2, …).</param>
/// <param name="Description">The file name after the version, such as <c>projects_sessions_messages</c>.</param>
/// <param name="Sql">The script.</param>
internal sealed record PostgreSqlMigration(int Version, string Description, string Sql)
{
    private const string Prefix = "PostgreSql/Migrations/";

    /// <summary>Every embedded migration, in version order; versions run 1, 2, … without gaps.</summary>
    public static IReadOnlyList<PostgreSqlMigration> All { get; } = Load(typeof(PostgreSqlMigration).Assembly);

    /// <summary>The newest version this build knows.</summary>
    public static int LatestVersion => All[^1].Version;

    internal static IReadOnlyList<PostgreSqlMigration> Load(Assembly assembly)
    {
        var migrations = new List<PostgreSqlMigration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[Prefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"The embedded migration '{name}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new PostgreSqlMigration(version, file[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The embedded migrations must be numbered 1, 2, … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No embedded migration was found.");
    }
}
