using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Sandboxes;

/// <summary>
/// Options of the local sandbox provider (configuration section <c>AppBuilder:Sandbox:Local</c>): one folder per
/// sandbox under <see cref="WorkRoot"/>, processes started directly and confined by bubblewrap where it is installed.
/// </summary>
public sealed class LocalSandboxOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "AppBuilder:Sandbox:Local";

    /// <summary>
    /// The folder that holds one sub-folder per sandbox. Relative paths are resolved against the current directory.
    /// Default: <c>.appbuilder/sandboxes</c>.
    /// </summary>
    [Required]
    public string WorkRoot { get; set; } = Path.Combine(".appbuilder", "sandboxes");

    /// <summary>
    /// Whether processes run inside bubblewrap (<c>bwrap</c>). <see langword="null"/> (the default) uses it when it is
    /// installed and works, and otherwise runs plain processes after logging one warning — where
    /// <see cref="AllowUnconfined"/> permits them; <see langword="true"/> requires it (the provider fails when it is
    /// missing); <see langword="false"/> never uses it (again only where <see cref="AllowUnconfined"/> permits).
    /// </summary>
    public bool? UseBubblewrap { get; set; }

    /// <summary>
    /// Whether processes may run unconfined, as plain processes with the host's permissions, when bubblewrap is
    /// missing, does not work here, or is turned off by <see cref="UseBubblewrap"/>. <see langword="null"/> (the
    /// default): only when the host's environment is Development (<c>IHostEnvironment.IsDevelopment()</c>; a service
    /// provider without an <c>IHostEnvironment</c> counts as not Development); <see langword="true"/>: anywhere;
    /// <see langword="false"/>: never. Where they are not permitted, the host fails to start with an error that names
    /// <c>AppBuilder:Sandbox:Local:AllowUnconfined</c>. Unconfined processes always log a warning at start.
    /// </summary>
    public bool? AllowUnconfined { get; set; }

    /// <summary>The bubblewrap executable: a name looked up on <c>PATH</c> or an absolute path. Default: <c>bwrap</c>.</summary>
    [Required]
    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>
    /// Extra host folders or files mounted read-only inside bubblewrap, at the same path (for example a toolchain
    /// installed under <c>/opt</c>). The system folders, TLS certificates, DNS configuration and the folder that holds
    /// <c>node</c> are mounted without being listed here.
    /// </summary>
    public IList<string> ReadOnlyPaths { get; } = new List<string>();

    /// <summary>How long a sandbox lives without a lease renewal when its creator gives no lease. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lines of recent output each background process keeps for late readers. Default: 1000.</summary>
    [Range(1, 1_000_000)]
    public int OutputBufferLines { get; set; } = 1000;
}
