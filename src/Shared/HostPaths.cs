using System.Text.RegularExpressions;

namespace AppBuilder.Internal;

/// <summary>
/// Keeps host paths out of messages that reach the model, the browser or another user: the one implementation of
/// host-path scrubbing, compiled into each package that needs it (linked from <c>src/Shared</c>; internal everywhere).
/// Paths under a known project folder become project paths (<c>src/App.tsx</c>); every other absolute path (Unix,
/// Windows drive or UNC) becomes <see cref="Placeholder"/>. Relative paths, URLs, package names and the rest of the
/// message — the reason — are left as they are.
/// </summary>
/// <remarks>Thread-safe (pure functions).</remarks>
internal static partial class HostPaths
{
    /// <summary>What an absolute path outside the project is replaced with.</summary>
    public const string Placeholder = "<host path>";

    /// <summary>
    /// Returns <paramref name="message"/> with the paths under <paramref name="projectRoot"/> (when given) rewritten as
    /// project paths — the root itself as <c>.</c> — and every other absolute path replaced by <see cref="Placeholder"/>.
    /// </summary>
    /// <param name="message">The message, typically an <see cref="IOException"/>'s.</param>
    /// <param name="projectRoot">The project folder's host path, or <see langword="null"/> when no folder is known.</param>
    public static string Scrub(string message, string? projectRoot = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.IsNullOrEmpty(projectRoot))
        {
            var root = projectRoot.TrimEnd('/', '\\');
            message = message.Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            // The root itself (not a longer name that starts with it, such as a neighbour's folder).
            message = Regex.Replace(message, Regex.Escape(root) + @"(?=$|[\s'""`,;:)\]}])", ".", RegexOptions.CultureInvariant);
        }

        var redacted = QuotedPath().Replace(message, m => m.Groups["q"].Value + Placeholder + m.Groups["q"].Value);
        return BarePath().Replace(redacted, Placeholder);
    }

    // A quoted absolute path, spaces allowed (.NET quotes the paths in its messages: "Could not find file '/x/y'.").
    [GeneratedRegex(@"(?<q>['""`])(?:/(?!/)|[A-Za-z]:[\\/]|\\\\)[^'""`\r\n]*\k<q>", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPath();

    // A bare absolute path up to whitespace or punctuation that ends it. The look-behind keeps "and/or", "./src",
    // "~/x", "@scope/name" and the "//host/path" of URLs.
    [GeneratedRegex(@"(?<![\w.~:/\\@<-])(?:/(?!/)[^\s'""`<>|,;()\[\]{}]+|[A-Za-z]:[\\/][^\s'""`<>|,;()\[\]{}]*|\\\\[^\s'""`<>|,;()\[\]{}]+)",
        RegexOptions.CultureInvariant)]
    private static partial Regex BarePath();
}
