using System.Text.Json;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The script injected into the preview's HTML pages: it wraps <c>console.*</c>, listens for uncaught errors and
/// unhandled rejections, times every <c>fetch</c> and XHR (method, URL, status, duration) and posts batches to the
/// preview origin's own log endpoint (<c>/__appbuilder/logs</c>; <c>fetch</c> with <c>keepalive</c>, <c>navigator.sendBeacon</c> when the page goes away).
/// </summary>
internal sealed class PreviewCaptureScript
{
    private const string Placeholder = "\"__APPBUILDER_LOGS_URL__\"";
    private static readonly Lazy<string> Source = new(LoadSource);

    /// <summary>The <c>&lt;script&gt;</c> element that posts to <paramref name="logsUrl"/>.</summary>
    public string ScriptTag(string logsUrl)
    {
        // JSON-encode the URL; escape "<" too so that no value can close the script element.
        var literal = JsonSerializer.Serialize(logsUrl).Replace("<", "\\u003c", StringComparison.Ordinal);
        return "<script data-appbuilder-capture>" + Source.Value.Replace(Placeholder, literal, StringComparison.Ordinal) + "</script>";
    }

    /// <summary>Inserts <paramref name="scriptTag"/> before <c>&lt;/head&gt;</c>; without a head, before
    /// <c>&lt;body</c>; without either, at the start of the document.</summary>
    public static string Inject(string html, string scriptTag)
    {
        var at = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            at = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        }

        return at < 0 ? scriptTag + html : html.Insert(at, scriptTag);
    }

    private static string LoadSource()
    {
        using var stream = typeof(PreviewCaptureScript).Assembly.GetManifestResourceStream("AppBuilder.AspNetCore.Preview.capture.js")
            ?? throw new InvalidOperationException("The preview capture script resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
