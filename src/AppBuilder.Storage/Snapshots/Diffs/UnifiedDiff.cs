using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace AppBuilder.Storage.Snapshots.Diffs;

/// <summary>
/// Renders a unified diff the way <c>git diff</c> does (hunks with three lines of context, <c>/dev/null</c> for an added
/// or removed side, <c>\ No newline at end of file</c>), from DiffPlex's line diff model. DiffPlex's own
/// <c>UnidiffRenderer</c> counts a final newline as an extra empty line and numbers an empty side from 1, so the hunks
/// are built here.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;
    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>Returns the diff of <paramref name="oldText"/> (null: the file was added) and <paramref name="newText"/>
    /// (null: removed) with the lines added and removed.</summary>
    public static (string Text, int Additions, int Deletions) Create(string path, string? oldText, string? newText)
    {
        var oldLines = Lines(oldText ?? "");
        var newLines = Lines(newText ?? "");
        var result = Differ.Instance.CreateDiffs(oldText ?? "", newText ?? "", ignoreWhiteSpace: false, ignoreCase: false,
            GitLineChunker.Instance);
        var text = new StringBuilder();
        text.Append("--- ").Append(oldText is null ? "/dev/null" : "a/" + path).Append('\n');
        text.Append("+++ ").Append(newText is null ? "/dev/null" : "b/" + path).Append('\n');
        var additions = 0;
        var deletions = 0;
        foreach (var hunk in Group(result.DiffBlocks))
        {
            var first = hunk[0];
            var last = hunk[^1];
            var oldStart = Math.Max(0, first.DeleteStartA - Context);
            var oldEnd = Math.Min(oldLines.Length, last.DeleteStartA + last.DeleteCountA + Context);
            var newStart = first.InsertStartB - (first.DeleteStartA - oldStart);
            var newEnd = last.InsertStartB + last.InsertCountB + (oldEnd - (last.DeleteStartA + last.DeleteCountA));
            text.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newEnd - newStart)).Append(" @@\n");
            var a = oldStart;
            foreach (var block in hunk)
            {
                for (; a < block.DeleteStartA; a++)
                {
                    Line(text, ' ', oldLines[a]);
                }

                for (var i = 0; i < block.DeleteCountA; i++, a++)
                {
                    Line(text, '-', oldLines[a]);
                    deletions++;
                }

                for (var i = 0; i < block.InsertCountB; i++)
                {
                    Line(text, '+', newLines[block.InsertStartB + i]);
                    additions++;
                }
            }

            for (; a < oldEnd; a++)
            {
                Line(text, ' ', oldLines[a]);
            }
        }

        return (text.ToString(), additions, deletions);
    }

    /// <summary>Splits into lines that keep their <c>\n</c>; a last line without one stays without, so that adding or
    /// removing the final newline is a change of that line.</summary>
    private static string[] Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }

        return [.. lines];
    }

    private static void Line(StringBuilder text, char marker, string line)
    {
        text.Append(marker).Append(line);
        if (!line.EndsWith('\n'))
        {
            text.Append('\n').Append(NoNewline);
        }
    }

    /// <summary>GNU and git's hunk range: <c>start,count</c>, 1-based; the count is left out when it is 1, and an empty
    /// range names the line before it.</summary>
    private static string Range(int start, int count) => count switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{count}",
    };

    /// <summary>Joins changes whose context would touch or overlap into one hunk.</summary>
    private static List<List<DiffBlock>> Group(IList<DiffBlock> blocks)
    {
        var hunks = new List<List<DiffBlock>>();
        foreach (var block in blocks)
        {
            if (hunks.Count > 0)
            {
                var previous = hunks[^1][^1];
                if (block.DeleteStartA - (previous.DeleteStartA + previous.DeleteCountA) <= 2 * Context)
                {
                    hunks[^1].Add(block);
                    continue;
                }
            }

            hunks.Add([block]);
        }

        return hunks;
    }

    /// <summary>Gives DiffPlex the same lines as <see cref="Lines"/>.</summary>
    private sealed class GitLineChunker : IChunker
    {
        public static GitLineChunker Instance { get; } = new();

        public IReadOnlyList<string> Chunk(string text) => Lines(text);
    }
}
