using System.Text;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// Matches a conversation's first user message to a recording's prompts: an exact match after normalising case,
/// whitespace and punctuation first, then the best keyword overlap above <see cref="Threshold"/>.
/// </summary>
internal static class ReplayPromptMatcher
{
    /// <summary>The share of an alias's (weighted) keywords a prompt must contain to match it.</summary>
    public const double Threshold = 0.6;

    private const double GenericWeight = 0.25;

    // Words that say "please do something" rather than what to build.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "me", "my", "i", "we", "you", "us", "please", "can", "could", "would", "will", "build",
        "make", "create", "generate", "write", "code", "give", "want", "need", "let", "for", "of", "with", "and", "to",
        "in", "on", "that", "this", "some", "just", "like", "using", "use", "our", "your", "is", "it", "be", "new",
        "simple", "small", "basic", "quick", "nice", "little", "hey", "hi", "now",
    };

    // Words that say what kind of thing, but not which: they count for little on their own.
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "app", "application", "website", "site", "web", "webpage", "react", "tailwind", "ui", "page",
    };

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
                space = false;
            }
            else if (!space && c != '\'' && c != '’')
            {
                builder.Append(' ');
                space = true;
            }
        }
        return builder.ToString().TrimEnd();
    }

    public static HashSet<string> Keywords(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !StopWords.Contains(w))
            .Select(Stem)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The best recording for <paramref name="prompt"/>, how it matched, or null when none is close enough.</summary>
    public static (ReplayRecording Recording, string How)? Match(IEnumerable<ReplayRecording> recordings, string prompt)
    {
        var list = recordings.ToList();
        var normalized = Normalize(prompt);
        foreach (var recording in list)
        {
            if (recording.Prompts.Any(p => Normalize(p) == normalized))
            {
                return (recording, "exact prompt");
            }
        }

        var query = Keywords(prompt);
        (ReplayRecording Recording, double Score)? best = null;
        foreach (var recording in list)
        {
            var score = recording.Prompts.Max(p => Score(query, Keywords(p)));
            if (score >= Threshold && (best is null || score > best.Value.Score))
            {
                best = (recording, score);
            }
        }

        return best is { } b
            ? (b.Recording, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"keywords, score {b.Score:0.00}"))
            : null;
    }

    /// <summary>The weighted share of the alias's keywords found in the query; 0 unless a specific keyword is shared.</summary>
    internal static double Score(HashSet<string> query, HashSet<string> alias)
    {
        if (alias.Count == 0)
        {
            return 0;
        }

        var shared = alias.Where(query.Contains).ToList();
        if (!shared.Any(w => !GenericWords.Contains(w)))
        {
            return 0;
        }

        return shared.Sum(Weight) / alias.Sum(Weight);
    }

    private static double Weight(string word) => GenericWords.Contains(word) ? GenericWeight : 1.0;

    private static string Stem(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
}
