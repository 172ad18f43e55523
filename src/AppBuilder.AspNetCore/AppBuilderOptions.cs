using System.ComponentModel.DataAnnotations;

namespace AppBuilder.AspNetCore;

/// <summary>
/// Settings of the AppBuilder HTTP API, bound from the configuration section <c>AppBuilder:AspNetCore</c> and
/// validated when the host starts.
/// </summary>
public sealed class AppBuilderOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "AppBuilder:AspNetCore";

    /// <summary>The template new projects use when the request names none. Default <c>react-vite-tailwind</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "DefaultTemplate must be 1-64 letters, digits, '.', '-' or '_'.")]
    public string DefaultTemplate { get; set; } = "react-vite-tailwind";

    /// <summary>How long a supervised tool call waits for the person's answer before it counts as denied. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether each agent turn that ran a tool ends with a checkpoint of the project's files. Default <see langword="true"/>.</summary>
    public bool CheckpointAfterTurn { get; set; } = true;

    /// <summary>The longest chat message accepted, in characters. Default 32,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxChatMessageLength { get; set; } = 32_000;

    /// <summary>The largest file body the editor may save, in bytes. Default 5 MiB.</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The most browser log entries one <c>POST /logs</c> request may add; the rest are dropped. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxLogEntriesPerRequest { get; set; } = 200;

    /// <summary>The longest browser log message kept, in characters; longer ones are shortened. Default 4,000.</summary>
    [Range(16, 1_000_000)]
    public int MaxLogMessageLength { get; set; } = 4_000;

    /// <summary>The largest <c>POST /logs</c> body read, in bytes. Default 256 KiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxLogRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Whether HTML pages served through the preview proxy get the console and network capture script. Default <see langword="true"/>.</summary>
    public bool InjectCaptureScript { get; set; } = true;

    /// <summary>The largest HTML page the preview proxy rewrites to inject the capture script; larger pages pass through untouched. Default 4 MiB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxInjectedHtmlBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long the preview proxy waits for the dev server to answer a request's headers. Default 100 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PreviewRequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// A separate origin the previews are served from, such as <c>http://127.0.0.1:5081</c> (an absolute <c>http</c> or
    /// <c>https</c> URL without path, query or user info). Unset by default: previews are served on the host's own origin.
    /// </summary>
    /// <remarks>
    /// When set, the host must also listen there (for example <c>--urls "http://127.0.0.1:5080;http://127.0.0.1:5081"</c>),
    /// <c>/preview/…</c> on any other origin answers 302 to the same path on this origin, and on this origin only the
    /// preview proxy and the capture script's <c>POST /api/projects/{id}/logs</c> are served: every other endpoint of the
    /// application is 404 there. Requests are told apart by their <c>Host</c> header. Use the same host name as the
    /// editor (only the port differs) so that the sign-in cookie reaches it.
    /// </remarks>
    public string? PreviewOrigin { get; set; }
}
