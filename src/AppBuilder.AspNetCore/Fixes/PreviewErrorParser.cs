using System.Text.RegularExpressions;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Internal;
using AppBuilder.Sandboxes;

namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// Turns what the preview reports into <see cref="PreviewErrorReport"/>s: the capture script's error entries (runtime
/// errors, unhandled rejections, failed requests, Vite's HMR <c>error</c> payload) and the dev server's error lines.
/// Everything that could name the host is removed here, before an error is stored, broadcast or put in a prompt: the
/// preview's origin (<c>http://{id}.preview.localhost:5000/src/App.tsx</c> becomes <c>/src/App.tsx</c>), Vite's
/// cache-busting queries, and every absolute path (a path inside the project becomes a project path, any other
/// <see cref="HostPaths.Placeholder"/>). Texts are capped.
/// </summary>
/// <remarks>Thread-safe (pure functions).</remarks>
internal static partial class PreviewErrorParser
{
    public const int MaxMessageLength = 1_000;
    public const int MaxStackLength = 4_000;
    public const int MaxStackLines = 30;
    public const int MaxFrameLength = 2_000;

    /// <summary>The error a browser entry reports, or null when it reports none (a plain console line, a 200 response).</summary>
    /// <param name="entry">The capture script's entry.</param>
    /// <param name="previewHost">The preview origin's host (and port), stripped from URLs.</param>
    public static PreviewErrorReport? FromBrowser(BrowserLogEntry entry, string previewHost)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Error is not { } detail)
        {
            return null;
        }

        var kind = detail.Type?.ToLowerInvariant() switch
        {
            "runtime" => PreviewErrorKind.Runtime,
            "unhandledrejection" => PreviewErrorKind.UnhandledRejection,
            "network" => PreviewErrorKind.Network,
            "build" => PreviewErrorKind.Build,
            _ => (PreviewErrorKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        if (kind == PreviewErrorKind.Network)
        {
            var status = detail.Status is >= 0 and < 1000 ? detail.Status.Value : 0;
            if (status is > 0 and < 400)
            {
                return null;
            }

            var method = detail.Method is { Length: > 0 and <= 16 } m && m.All(char.IsAsciiLetter) ? m.ToUpperInvariant() : "GET";
            var url = CleanUrl(detail.Url ?? "", previewHost);
            var text = $"{method} {url} {(status == 0 ? "failed" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            // The URL is already reduced to a path (the app's own) or another site's URL: no host path to scrub, and
            // scrubbing would take "/api/items" for one.
            return new PreviewErrorReport(PreviewErrorKind.Network, Cap(text, MaxMessageLength), Status: status);
        }

        var message = detail.Message ?? entry.Message ?? "";
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        // Vite names the file by its absolute path: where the project starts in it tells host paths from project paths.
        var (file, root) = ProjectFile(detail.File, previewHost);
        var stack = detail.Stack is { Length: > 0 } s ? CapLines(Clean(s, previewHost, root), MaxStackLines, MaxStackLength) : null;
        int? line = detail.Line is > 0 and < 10_000_000 ? detail.Line : null;
        int? column = detail.Column is > 0 and < 10_000_000 ? detail.Column : null;
        if (kind != PreviewErrorKind.Build && stack is not null && FirstProjectFrame(stack) is { } frame)
        {
            // The stack's first frame in the project's own code beats window.onerror's filename (often a dependency).
            (file, line, column) = frame;
        }

        if (file is null)
        {
            line = column = null;
        }

        var codeFrame = detail.Frame is { Length: > 0 } f ? Cap(Clean(StripAnsi(f), previewHost, root), MaxFrameLength) : null;
        return new PreviewErrorReport(kind.Value, Cap(Clean(StripAnsi(message), previewHost, root).Trim(), MaxMessageLength), stack, file, line,
            column, codeFrame);
    }

    /// <summary>The build error a dev-server log line reports (<c>[vite] Internal server error: …</c>,
    /// <c>Pre-transform error: …</c>, <c>[plugin:…] …</c>), or null.</summary>
    public static PreviewErrorReport? FromBuildLog(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = StripAnsi(line).Trim();
        var match = BuildLogLine().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var message = match.Groups["message"].Value.Trim();
        if (message.Length == 0)
        {
            return null;
        }

        string? file = null;
        string? root = null;
        int? lineNumber = null, column = null;
        if (LogFile().Match(message) is { Success: true } location)
        {
            (file, root) = ProjectFile(location.Groups["file"].Value, "");
            if (file is not null && int.TryParse(location.Groups["line"].Value, out var l) && int.TryParse(location.Groups["column"].Value, out var c))
            {
                (lineNumber, column) = (l, c);
            }
        }

        return new PreviewErrorReport(PreviewErrorKind.Build, Cap(Clean(message, "", root), MaxMessageLength), File: file, Line: lineNumber,
            Column: column);
    }

    internal static string StripAnsi(string text) => Ansi().Replace(text, "");

    internal static string Cap(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string CapLines(string text, int maxLines, int maxLength)
    {
        var lines = text.Split('\n');
        var kept = lines.Length <= maxLines ? text : string.Join('\n', lines.Take(maxLines)) + "\n…";
        return Cap(kept, maxLength);
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();

    [GeneratedRegex(@"(?:\[vite\]\s*)?(?:Internal server error|Pre-transform error|\[plugin:[^\]]{1,100}\]):?\s*(?<message>.+)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BuildLogLine();

    [GeneratedRegex(@"(?<file>(?:[A-Za-z]:)?[\\/][^\s:'""()]+\.[A-Za-z0-9]{1,8})(?::(?<line>\d{1,7}):(?<column>\d{1,7}))?", RegexOptions.CultureInvariant)]
    private static partial Regex LogFile();
}
