using System.Text;

namespace AppBuilder.Storage.Snapshots.Diffs;

/// <summary>
/// Compares two file listings by hash and renders the files that differ: only their contents are loaded, a side
/// larger than <see cref="MaxTextBytes"/> is reported as too large without being read, and once the diffs rendered
/// reach <see cref="MaxTotalDiffChars"/> the remaining files are reported as too large too, so one request stays
/// bounded whatever the project holds.
/// </summary>
internal static class CheckpointDiffBuilder
{
    /// <summary>A file side above this many bytes is not diffed (512 KiB).</summary>
    public const long MaxTextBytes = 512 * 1024;

    /// <summary>Diff text over all files stops growing past this many characters (4 Mi).</summary>
    public const int MaxTotalDiffChars = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the differing files of <paramref name="older"/> and <paramref name="newer"/>, sorted by path;
    /// <paramref name="load"/> reads a side that is not in memory.</summary>
    public static async Task<IReadOnlyList<CheckpointFileDiff>> BuildAsync(
        IReadOnlyDictionary<string, FileVersion> older, IReadOnlyDictionary<string, FileVersion> newer,
        Func<string, FileVersion, CancellationToken, Task<ReadOnlyMemory<byte>>> load, CancellationToken cancellationToken)
    {
        var paths = older.Keys.Union(newer.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var files = new List<CheckpointFileDiff>();
        var budget = MaxTotalDiffChars;
        foreach (var path in paths)
        {
            older.TryGetValue(path, out var before);
            newer.TryGetValue(path, out var after);
            if (before is not null && after is not null && string.Equals(before.Hash, after.Hash, StringComparison.Ordinal))
            {
                continue;
            }

            var change = before is null ? CheckpointFileChange.Added : after is null ? CheckpointFileChange.Removed : CheckpointFileChange.Modified;
            var file = new CheckpointFileDiff(path, change, CheckpointDiffContent.TooLarge, before?.Size, after?.Size, 0, 0, null);
            if (budget > 0 && (before?.Size ?? 0) <= MaxTextBytes && (after?.Size ?? 0) <= MaxTextBytes)
            {
                var oldText = before is null ? null : Decode(await ContentAsync(path, before).ConfigureAwait(false));
                var newText = after is null ? null : Decode(await ContentAsync(path, after).ConfigureAwait(false));
                if ((before is not null && oldText is null) || (after is not null && newText is null))
                {
                    file = file with { Content = CheckpointDiffContent.Binary };
                }
                else
                {
                    var (text, additions, deletions) = UnifiedDiff.Create(path, oldText, newText);
                    if (text.Length <= budget)
                    {
                        budget -= text.Length;
                        file = file with { Content = CheckpointDiffContent.Text, Additions = additions, Deletions = deletions, UnifiedDiff = text };
                    }
                    else
                    {
                        budget = 0;
                    }
                }
            }

            files.Add(file);
        }

        return files;

        async Task<ReadOnlyMemory<byte>> ContentAsync(string path, FileVersion version) =>
            version.Content ?? await load(path, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the UTF-8 text of <paramref name="content"/>, or <see langword="null"/> when it is binary (a NUL
    /// byte, or not valid UTF-8).</summary>
    internal static string? Decode(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
