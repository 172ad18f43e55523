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
    /// Further origins, besides the request's own, whose pages may call the API and the hub (such as
    /// <c>https://editor.example.com</c> when the editor is served from another origin than the API). Empty by default.
    /// </summary>
    /// <remarks>
    /// On every AppBuilder route of the editor origin, a request whose <c>Origin</c> header is present and is neither the
    /// request's own origin (its <c>Host</c>) nor one of these — <c>null</c> included — answers 403, and so does a request
    /// whose <c>Sec-Fetch-Site</c> is <c>same-site</c> or <c>cross-site</c> unless its <c>Origin</c> is one of these.
    /// </remarks>
    public IList<string> EditorOrigins { get; } = [];

    /// <summary>Where and how project previews are served (section <c>AppBuilder:AspNetCore:Preview</c>; checked at start).</summary>
    public AppBuilderPreviewOptions Preview { get; set; } = new();

    /// <summary>Preview errors and fix turns (section <c>AppBuilder:AspNetCore:AutoFix</c>; automatic fix turns are off by default).</summary>
    public AppBuilderAutoFixOptions AutoFix { get; set; } = new();
}
