namespace AppBuilder.Sandboxes;

/// <summary>
/// Runs processes inside a sandbox. Commands are argument vectors, never shell strings: nothing is interpreted
/// by a shell unless the caller runs one explicitly.
/// </summary>
/// <remarks>Members are thread-safe.</remarks>
public interface ISandboxProcesses
{
    /// <summary>Runs a process to completion, killing it when <see cref="ProcessSpec.Timeout"/> passes, and
    /// returns its exit code and captured output (capped at <see cref="ProcessSpec.MaxOutputBytes"/>).</summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Starts a process in the background and returns a handle that streams its output.</summary>
    Task<ISandboxProcess> StartAsync(ProcessSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Lists the background processes started through this sandbox that are still known to it.</summary>
    IReadOnlyList<ISandboxProcess> List();
}
