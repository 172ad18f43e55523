using System.Globalization;
using System.Text;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary>Shared helpers of the file tools: normalising paths, reading text files, numbering lines.</summary>
internal static class TextFiles
{
    /// <summary>Normalises a path argument; traversal, absolute paths and NUL bytes throw <see cref="SandboxPathException"/>.</summary>
    public static string NormalizePath(string path) => SandboxPath.Normalize(path);

    /// <summary>Returns the entry at a normalised path, or throws a tool error that says nothing is there.</summary>
    public static async Task<SandboxFileEntry> GetExistingAsync(ISandboxFileSystem files, string path, CancellationToken cancellationToken)
    {
        var entry = await files.GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        return entry ?? throw new ToolException($"'{path}' does not exist. Use search_files or view on a folder to find the right path.");
    }

    /// <summary>Reads a text file; folders and binary files are tool errors.</summary>
    public static async Task<string> ReadTextAsync(ISandboxFileSystem files, string path, CancellationToken cancellationToken)
    {
        var entry = await GetExistingAsync(files, path, cancellationToken).ConfigureAwait(false);
        if (entry.IsDirectory)
        {
            throw new ToolException($"'{path}' is a folder, not a file.");
        }

        var bytes = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (IsBinary(bytes))
        {
            throw new ToolException($"'{path}' looks like a binary file ({bytes.Length} bytes); only text files can be read or edited.");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Whether content looks binary: a NUL byte within its first 8 000 bytes.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 8000)].Contains((byte)0);

    /// <summary>Splits text into lines without their line endings. A final line ending does not start a new line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>(text.Split('\n'));
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }

    /// <summary>Appends lines numbered from <paramref name="firstNumber"/>, like <c>cat -n</c>.</summary>
    public static void AppendNumbered(StringBuilder sb, IReadOnlyList<string> lines, int firstNumber, int start = 0, int count = -1)
    {
        var end = count < 0 ? lines.Count : Math.Min(lines.Count, start + count);
        for (var i = start; i < end; i++)
        {
            sb.Append((firstNumber + i - start).ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(lines[i]).Append('\n');
        }
    }

    /// <summary>Shortens text for a one-line display.</summary>
    public static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");

    /// <summary>Keeps the head and tail of long output, dropping the middle.</summary>
    public static string HeadAndTail(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var head = maxChars / 2;
        var tail = maxChars - head;
        return string.Concat(text.AsSpan(0, head), $"\n[… {text.Length - maxChars} characters omitted …]\n", text.AsSpan(text.Length - tail));
    }
}
