using System.ComponentModel.DataAnnotations;

namespace AppBuilder.AspNetCore;

/// <summary>
/// Errors from the preview (runtime errors, unhandled rejections, failed requests, Vite build errors) and the fix turns
/// that answer them. Bound from <c>AppBuilder:AspNetCore:AutoFix</c> and checked when the host starts. The editor's
/// "Fix it" works whatever <see cref="Enabled"/> says; <see cref="Enabled"/> adds automatic fix turns.
/// </summary>
public sealed class AppBuilderAutoFixOptions
{
    /// <summary>
    /// Whether a new preview error starts a fix turn by itself. Default <see langword="false"/>: only "Fix it" does.
    /// An automatic fix turn never starts while any turn of the project runs, and never two at once.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>How many automatic fix turns one error (one signature) gets before AutoFix gives up on it. Default 3.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long after a fix turn ends its error must stay away (the HMR update reached the preview and did not throw
    /// again) to count as fixed. Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SettleWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most distinct errors kept per project; the oldest is forgotten first. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxErrorsPerProject { get; set; } = 50;

    /// <summary>The longest fix prompt sent to the model, in characters; each part is capped so the whole fits. Default 8,000.</summary>
    [Range(1000, 100_000)]
    public int MaxPromptLength { get; set; } = 8_000;

    /// <summary>How many recent dev-server log lines a fix prompt quotes. Default 20.</summary>
    [Range(0, 200)]
    public int BuildLogLines { get; set; } = 20;
}
