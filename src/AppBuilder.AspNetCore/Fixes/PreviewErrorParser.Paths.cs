using System.Text.RegularExpressions;
using AppBuilder.Internal;
using AppBuilder.Sandboxes;

namespace AppBuilder.AspNetCore.Fixes;

// Where an error points (project files from URLs, absolute paths and stack frames) and the cleaning of its texts.
internal static partial class PreviewErrorParser
{
    // Top-level folders and files of a project, used to find where the project starts in an absolute path.
    private static readonly string[] ProjectFolders = ["src", "public", "app", "pages", "components", "lib", "styles"];
    private static readonly string[] RootFiles = ["index.html", "package.json", "vite.config.ts", "vite.config.js", "vite.config.mjs",
        "tsconfig.json", "tsconfig.app.json", "postcss.config.js", "tailwind.config.js", "tailwind.config.ts"];

    /// <summary>A project path for a file the browser or Vite names (URL, absolute or project path), and the host folder
    /// the project sits in when the name was absolute; (null, null) when it is not a project file.</summary>
    internal static (string? File, string? Root) ProjectFile(string? name, string previewHost)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 2048)
        {
            return (null, null);
        }

        var value = name.Trim();
        var query = value.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            value = value[..query];
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            if (!string.Equals(uri.Authority, previewHost, StringComparison.OrdinalIgnoreCase))
            {
                return (null, null);
            }

            return (Relative(Uri.UnescapeDataString(uri.AbsolutePath)), null);
        }

        var unix = value.Replace('\\', '/');
        var absolute = unix.StartsWith('/') || (unix.Length > 2 && unix[1] == ':' && unix[2] == '/');
        if (!absolute)
        {
            return (Relative(unix), null);
        }

        // An absolute (host or sandbox) path: the project starts at its last top-level project folder, or is the folder
        // of a root file such as index.html.
        var segments = unix.Split('/');
        var start = -1;
        if (RootFiles.Contains(segments[^1], StringComparer.Ordinal))
        {
            start = segments.Length - 1;
        }
        else
        {
            for (var i = segments.Length - 2; i >= 1; i--)
            {
                if (ProjectFolders.Contains(segments[i], StringComparer.Ordinal))
                {
                    start = i;
                    break;
                }
            }
        }

        if (start < 1)
        {
            return (null, null);
        }

        var file = Relative(string.Join('/', segments[start..]));
        var root = string.Join('/', segments[..start]);
        return file is null || root.Length == 0 ? (null, null) : (file, value[..root.Length]);
    }

    private static string? Relative(string path)
    {
        var trimmed = path.TrimStart('/');
        if (trimmed.StartsWith("@", StringComparison.Ordinal) || trimmed.StartsWith("node_modules/", StringComparison.Ordinal)
            || trimmed.Contains("/node_modules/", StringComparison.Ordinal) || trimmed.StartsWith(".vite/", StringComparison.Ordinal)
            || !Path.HasExtension(trimmed))
        {
            return null;
        }

        try
        {
            return SandboxPath.Normalize(trimmed);
        }
        catch (SandboxPathException)
        {
            return null;
        }
    }

    private static (string File, int Line, int Column)? FirstProjectFrame(string stack)
    {
        foreach (Match frame in StackFrame().Matches(stack))
        {
            if (Relative(frame.Groups["path"].Value) is { } file && int.TryParse(frame.Groups["line"].Value, out var line)
                && int.TryParse(frame.Groups["column"].Value, out var column))
            {
                return (file, line, column);
            }
        }

        return null;
    }

    /// <summary>The preview's origin and Vite's queries out of URLs, then every absolute path scrubbed.</summary>
    private static string Clean(string text, string previewHost, string? projectRoot)
    {
        if (previewHost.Length > 0)
        {
            text = Regex.Replace(text, @"https?://" + Regex.Escape(previewHost), "", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }

        text = ViteQuery().Replace(text, "");
        // Paths the browser names under the preview's root ("/src/App.tsx:3:5") are project paths, not host paths.
        text = ServedPath().Replace(text, m => m.Groups["path"].Value);
        return HostPaths.Scrub(text, projectRoot);
    }

    private static string CleanUrl(string url, string previewHost)
    {
        var value = url.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            // The app's own requests keep only their path; another site's keep their origin (the app's, not the host's).
            value = string.Equals(uri.Authority, previewHost, StringComparison.OrdinalIgnoreCase)
                ? uri.AbsolutePath
                : uri.GetLeftPart(UriPartial.Path);
        }
        else
        {
            var query = value.IndexOfAny(['?', '#']);
            value = query >= 0 ? value[..query] : value;
        }

        return Cap(value.Length == 0 ? "/" : value, 300);
    }

    // A stack frame's location after cleaning: "(src/App.tsx:3:5)", " src/App.tsx:3:5" or "App@src/App.tsx:3:5".
    [GeneratedRegex(@"(?<=^|[\s(@])/?(?<path>[^\s?:()'""<>]+\.[A-Za-z0-9]{1,8})(?:\?[^\s:()]*)?:(?<line>\d{1,7}):(?<column>\d{1,7})",
        RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // Vite's cache-busting and import queries on served modules: ?t=1712345, ?v=ab12cd34, ?import, ?used.
    [GeneratedRegex(@"\?(?:(?:t|v)=[A-Za-z0-9]+|import|used|direct)(?:&[A-Za-z0-9=]+)*(?=[:\s)]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ViteQuery();

    // A path the page's stack names on the preview origin (after the origin was stripped): "(/src/App.tsx:3:5)" or " /src/…".
    [GeneratedRegex(@"(?<=[\s(@])/(?<path>(?:src|public|app|pages|components|lib|styles|node_modules|@[\w.-]+)/[^\s:()'""]+)(?=:\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ServedPath();
}
