namespace AppBuilder.Sandboxes;

/// <summary>A process to run in a sandbox.</summary>
public sealed record ProcessSpec
{
    /// <summary>The program and its arguments (argv). The first element is the program.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Working folder relative to the project root; empty for the root.</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Kill the process after this long (run-to-completion only); <see langword="null"/> for no limit.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bytes of standard output and of standard error kept, each; the rest is dropped and reported as truncated.</summary>
    public int MaxOutputBytes { get; init; } = 256 * 1024;

    /// <summary>Connects the caller to the process's standard streams (background processes only): the handle's
    /// <see cref="ISandboxProcess.StandardInput"/> writes its input and <see cref="ISandboxProcess.StandardOutput"/>
    /// reads its output as raw bytes (not split into lines, not capped), so a protocol such as MCP over stdio can run
    /// on them; <see cref="ISandboxProcess.ReadOutputAsync"/> then carries standard error only. By default standard
    /// input is closed at start (a process waiting for input sees end of file) and both outputs are read as lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Creates a spec from an argument vector.</summary>
    public static ProcessSpec Of(params string[] command) => new() { Command = command };

}
