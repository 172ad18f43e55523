using System.Globalization;

namespace AppBuilder.Agent.Tools;

/// <summary>Parses line ranges such as <c>"1-40, 80-100"</c>, <c>"12"</c> or <c>"200-"</c> (to the end).</summary>
internal static class LineRanges
{
    /// <summary>Returns 1-based inclusive ranges, sorted and merged, clamped to <paramref name="lineCount"/>.</summary>
    /// <exception cref="ToolException">The text is not a list of ranges, or a range starts after the last line.</exception>
    public static List<(int First, int Last)> Parse(string text, int lineCount)
    {
        var ranges = new List<(int First, int Last)>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            int first;
            int last;
            if (dash < 0)
            {
                first = last = ParseNumber(part, text);
            }
            else
            {
                first = ParseNumber(part[..dash].Trim(), text);
                var end = part[(dash + 1)..].Trim();
                last = end.Length == 0 || end.Equals("end", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : ParseNumber(end, text);
            }

            if (last < first)
            {
                throw new ToolException($"line range '{part}' ends before it starts.");
            }

            if (first > lineCount)
            {
                throw new ToolException($"line range '{part}' starts after the end of the file, which has {lineCount} lines.");
            }

            ranges.Add((first, Math.Min(last, lineCount)));
        }

        if (ranges.Count == 0)
        {
            throw new ToolException($"'lines' must look like \"1-40, 80-100\", not \"{text}\".");
        }

        ranges.Sort();
        var merged = new List<(int First, int Last)> { ranges[0] };
        foreach (var range in ranges.Skip(1))
        {
            var previous = merged[^1];
            if (range.First <= previous.Last + 1)
            {
                merged[^1] = (previous.First, Math.Max(previous.Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static int ParseNumber(string value, string whole) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw new ToolException($"'lines' must look like \"1-40, 80-100\" with line numbers from 1, not \"{whole}\".");
}
