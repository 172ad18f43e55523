using System.Globalization;
using System.Text;
using AppBuilder.Logs;

namespace AppBuilder.Agent.Tools;

/// <summary>Formats project log entries for the model.</summary>
internal static class LogReader
{
    public const int MaxEntries = 100;
    private const int MaxMessageChars = 600;

    public static string Read(AgentToolContext context, ProjectLogKind kind, string? search, string emptyText)
    {
        var entries = context.LogStore.Read(context.ProjectId, kind, string.IsNullOrWhiteSpace(search) ? null : search, MaxEntries);
        if (entries.Count == 0)
        {
            return string.IsNullOrWhiteSpace(search) ? emptyText : $"{emptyText} (searched for '{search}')";
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{entries.Count} entries, oldest first:\n");
        foreach (var entry in entries)
        {
            sb.Append(entry.Timestamp.ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))
                .Append(" [").Append(entry.Level).Append("] (").Append(entry.Source).Append(") ")
                .Append(TextFiles.Shorten(entry.Message, MaxMessageChars)).Append('\n');
        }

        return sb.ToString();
    }
}
