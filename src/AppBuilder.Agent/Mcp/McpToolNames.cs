using System.Text;

namespace AppBuilder.Agent.Mcp;

/// <summary>The names MCP tools get in the agent's catalog: <c>{server}__{tool}</c>, within the model's rules
/// (1-64 of <c>[A-Za-z0-9_-]</c>), unique.</summary>
internal static class McpToolNames
{
    public const int MaxLength = 64;
    public const string Separator = "__";

    /// <summary>Returns the catalog name for <paramref name="tool"/> of <paramref name="server"/>: characters outside the
    /// rules become '_', a name too long is cut, and a name already in <paramref name="taken"/> gets a numeric suffix.
    /// The name returned is added to <paramref name="taken"/>.</summary>
    public static string Create(string server, string tool, ISet<string> taken)
    {
        var sb = new StringBuilder(server.Length + Separator.Length + tool.Length);
        Append(sb, server);
        sb.Append(Separator);
        Append(sb, tool);
        var name = sb.Length > MaxLength ? sb.ToString(0, MaxLength) : sb.ToString();
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (name.Length + suffix.Length > MaxLength ? name[..(MaxLength - suffix.Length)] : name) + suffix;
        }

        return candidate;
    }

    /// <summary>Whether <paramref name="tool"/> passes the allow and deny lists (<c>*</c> matches any run of characters;
    /// matching is case-sensitive, as MCP tool names are).</summary>
    public static bool IsOffered(string tool, IReadOnlyList<string> allow, IReadOnlyList<string> deny) =>
        (allow.Count == 0 || allow.Any(p => Matches(tool, p))) && !deny.Any(p => Matches(tool, p));

    public static bool Matches(string text, string pattern) => Matches(text.AsSpan(), pattern.AsSpan());

    private static bool Matches(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return text.SequenceEqual(pattern);
        }

        var head = pattern[..star];
        if (!text.StartsWith(head, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        for (var i = head.Length; i <= text.Length; i++)
        {
            if (Matches(text[i..], rest))
            {
                return true;
            }
        }

        return false;
    }

    private static void Append(StringBuilder sb, string part)
    {
        foreach (var c in part)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }
    }
}
