namespace AppBuilder.Sandboxes;

/// <summary>A background process in a sandbox.</summary>
/// <remarks>Members are thread-safe. Several readers may stream output at once; each sees lines from the moment
/// it starts reading, after the lines still held in the process's recent-output buffer.</remarks>
public interface ISandboxProcess : IAsyncDisposable
{
    /// <summary>An id unique within the sandbox.</summary>
    string Id { get; }

    /// <summary>The command the process runs.</summary>
    IReadOnlyList<string> Command { get; }

    /// <summary>Whether the process has exited.</summary>
    bool HasExited { get; }

    /// <summary>The exit code once exited.</summary>
    int? ExitCode { get; }

    /// <summary>The process's standard input when it was started <see cref="ProcessSpec.Interactive"/>; otherwise (or
    /// from a provider that cannot offer it) <see langword="null"/>. One writer at a time; disposing it closes the input.</summary>
    Stream? StandardInput => null;

    /// <summary>The process's standard output, raw, when it was started <see cref="ProcessSpec.Interactive"/>;
    /// otherwise (or from a provider that cannot offer it) <see langword="null"/>. One reader; it ends when the process
    /// closes its output.</summary>
    Stream? StandardOutput => null;

    /// <summary>Streams the process's output line by line until it exits or the token is cancelled.</summary>
    IAsyncEnumerable<ProcessOutputLine> ReadOutputAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    Task<int> WaitForExitAsync(CancellationToken cancellationToken = default);

    /// <summary>Kills the process and everything it started.</summary>
    Task KillAsync(CancellationToken cancellationToken = default);
}
