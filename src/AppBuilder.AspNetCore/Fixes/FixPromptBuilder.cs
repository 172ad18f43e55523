using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AppBuilder.Internal;
using AppBuilder.Logs;

namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// Builds the prompt of a fix turn from a captured error: what failed and where, the stack, the code around the line,
/// and the dev server's recent output. Only the error (already cleaned by <see cref="PreviewErrorParser"/>), the
/// project's own file and the dev server's output go in; host paths are scrubbed again, things that look like secrets
/// (API keys, bearer tokens, <c>password=…</c>, private keys, JWTs) are redacted, and every part is capped so the whole
/// stays under <see cref="AppBuilderAutoFixOptions.MaxPromptLength"/>.
/// </summary>
/// <remarks>Thread-safe (pure functions).</remarks>
internal static partial class FixPromptBuilder
{
    /// <summary>The first line of every fix prompt (the editor labels turns by it; recordings match it).</summary>
    public const string Header = "Fix this error from the app's preview.";

    public const string Redacted = "<redacted>";
    public const int ExcerptRadius = 12;
    public const int MaxExcerptLength = 3_000;
    public const int MaxLogLineLength = 300;

    /// <summary>Builds the prompt.</summary>
    /// <param name="error">The error to fix.</param>
    /// <param name="fileText">The text of <see cref="PreviewErrorReport.File"/> in the project, or null when unknown or unreadable.</param>
    /// <param name="buildLog">The dev server's recent output, oldest first.</param>
    /// <param name="attempt">For an automatic fix turn: its number and the budget; null for "Fix it".</param>
    /// <param name="options">The caps.</param>
    public static string Build(PreviewError error, string? fileText, IReadOnlyList<ProjectLogEntry> buildLog, (int Number, int Of)? attempt,
        AppBuilderAutoFixOptions options)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(buildLog);
        ArgumentNullException.ThrowIfNull(options);
        var report = error.Report;
        var max = options.MaxPromptLength;
        var prompt = new StringBuilder();
        prompt.AppendLine(Header);
        prompt.AppendLine(attempt is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"Automatic fix: attempt {a.Number} of {a.Of}.")
            : "Requested with \"Fix it\" in the editor.");
        prompt.AppendLine();
        prompt.Append(Describe(report.Kind)).Append(": ").AppendLine(Clean(report.Message, PreviewErrorParser.MaxMessageLength));
        if (report.File is { } file)
        {
            prompt.Append("Location: ").Append(file);
            if (report.Line is { } line)
            {
                prompt.Append(CultureInfo.InvariantCulture, $":{line}");
                if (report.Column is { } column)
                {
                    prompt.Append(CultureInfo.InvariantCulture, $":{column}");
                }

                if (report.Kind != PreviewErrorKind.Build)
                {
                    prompt.Append(" (a line of the code Vite served; it may be a few lines off)");
                }
            }

            prompt.AppendLine();
        }

        if (error.Count > 1)
        {
            prompt.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Seen {error.Count} times."));
        }

        // Each part gets what is left, the most useful first: Vite's frame, then the code, the stack and the log.
        if (report.Frame is { Length: > 0 } frame)
        {
            Block(prompt, "Vite's code frame:", Clean(frame, PreviewErrorParser.MaxFrameLength), max);
        }

        if (report.File is { } path && fileText is not null && Excerpt(fileText, report.Line) is { Length: > 0 } excerpt)
        {
            var heading = report.Line is { } l
                ? string.Create(CultureInfo.InvariantCulture, $"{path} around line {l}:")
                : $"{path} (start):";
            // The project's own code: secrets redacted, but its paths ("/vite.svg") are the app's, not the host's.
            Block(prompt, heading, PreviewErrorParser.Cap(Redact(excerpt), MaxExcerptLength), max);
        }

        if (report.Stack is { Length: > 0 } stack)
        {
            Block(prompt, "Stack:", Clean(stack, PreviewErrorParser.MaxStackLength), max);
        }

        var lines = buildLog.TakeLast(options.BuildLogLines)
            .Select(e => Clean(PreviewErrorParser.StripAnsi(e.Message).TrimEnd(), MaxLogLineLength))
            .Where(l => l.Length > 0)
            .ToList();
        if (lines.Count > 0)
        {
            Block(prompt, "Recent dev-server output:", string.Join('\n', lines), max);
        }

        const string Instruction = "Find the cause and fix it in the project's files; keep the rest of the app as it is. The preview "
            + "updates by itself (HMR) after your change: do not start or restart the dev server.";
        prompt.AppendLine().Append(Instruction);
        var text = prompt.ToString();
        return text.Length <= max ? text : text[..(max - Instruction.Length - 2)] + "…\n" + Instruction;
    }

    /// <summary>The lines around <paramref name="line"/> (the start of the file without one), numbered.</summary>
    internal static string Excerpt(string text, int? line)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var center = line is { } l && l >= 1 && l <= lines.Length ? l : 1;
        var first = Math.Max(1, center - ExcerptRadius);
        var last = Math.Min(lines.Length, line is null ? 2 * ExcerptRadius : center + ExcerptRadius);
        var width = last.ToString(CultureInfo.InvariantCulture).Length;
        var excerpt = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            excerpt.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append(i == center && line is not null ? " > " : " | ")
                .AppendLine(lines[i - 1].Length <= 240 ? lines[i - 1] : lines[i - 1][..240] + "…");
        }

        return excerpt.ToString().TrimEnd();
    }

    /// <summary>Host paths scrubbed, secrets redacted, capped.</summary>
    internal static string Clean(string text, int maxLength) =>
        PreviewErrorParser.Cap(Redact(HostPaths.Scrub(text)), maxLength);

    /// <summary>Replaces things that look like credentials with <see cref="Redacted"/>.</summary>
    internal static string Redact(string text)
    {
        text = PrivateKey().Replace(text, Redacted);
        text = KnownToken().Replace(text, Redacted);
        text = Bearer().Replace(text, m => m.Groups["scheme"].Value + " " + Redacted);
        text = Jwt().Replace(text, Redacted);
        return Assignment().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
    }

    private static void Block(StringBuilder prompt, string heading, string body, int max)
    {
        // Leave room for the closing instruction; a part that no longer fits is cut to what is left, or left out.
        var room = max - prompt.Length - 400;
        if (room < 80)
        {
            return;
        }

        prompt.AppendLine().AppendLine(heading).AppendLine("```").AppendLine(PreviewErrorParser.Cap(body, room)).AppendLine("```");
    }

    private static string Describe(PreviewErrorKind kind) => kind switch
    {
        PreviewErrorKind.Runtime => "Runtime error",
        PreviewErrorKind.UnhandledRejection => "Unhandled promise rejection",
        PreviewErrorKind.Network => "Failed request",
        _ => "Build error (Vite)",
    };

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKey();

    // Provider key shapes: OpenAI/Anthropic (sk-…), GitHub (ghp_…, github_pat_…), AWS access keys, Slack, Google, Stripe.
    [GeneratedRegex(@"\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownToken();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|Token))\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<name>\b[\w-]*(?:api[_-]?key|secret|token|password|passwd|pwd|access[_-]?key|client[_-]?secret|auth)[\w-]*)(?<sep>\s*[=:]\s*[""']?)(?!<redacted>)(?=[^\s""'&,;]*\d)[A-Za-z0-9_+/=.~-]{12,}",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();
}
