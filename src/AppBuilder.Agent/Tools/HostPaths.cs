using System.Text.RegularExpressions;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Removes absolute host paths from exception messages that reach the model (or the browser). A sandbox provider
/// should already name project-relative paths, but not every one does: an <see cref="IOException"/> from a remote
/// or container sandbox may name the folder it keeps the project in. Relative paths (the project's own, such as
/// <c>src/App.tsx</c>), URLs and package names are left as they are, and so is the rest of the message — the reason.
/// </summary>
internal static partial class HostPaths
{
    /// <summary>What an absolute path is replaced with.</summary>
    public const string Placeholder = "<host path>";

    /// <summary>Returns <paramref name="message"/> with every absolute path (Unix, Windows drive or UNC) replaced by
    /// <see cref="Placeholder"/>.</summary>
    public static string Redact(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
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
