using System.Diagnostics;
using AppBuilder.Sandboxes.Internal;

namespace AppBuilder.Sandboxes.Local;

/// <summary>A background process of a local sandbox: output pumped line by line into an <see cref="OutputHub"/>.</summary>
/// <remarks>Thread-safe. Disposing the handle kills the process if it still runs.</remarks>
internal sealed class LocalSandboxProcess : ISandboxProcess
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly OutputHub _output;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalSandboxProcess(string id, IReadOnlyList<string> command, Process process, int bufferLines, TimeProvider time)
    {
        Id = id;
        Command = command;
        _process = process;
        _time = time;
        _output = new OutputHub(bufferLines);
        ProcessId = process.Id;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Command { get; }

    /// <summary>The host process id (of <c>bwrap</c> when confined).</summary>
    public int ProcessId { get; }

    /// <inheritdoc />
    public Stream? StandardInput { get; private set; }

    /// <inheritdoc />
    public Stream? StandardOutput { get; private set; }

    /// <inheritdoc />
    public bool HasExited => _exited.Task.IsCompleted;

    /// <inheritdoc />
    public int? ExitCode => _exited.Task.IsCompletedSuccessfully ? _exited.Task.Result : null;

    /// <summary>Completes when the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Starts <paramref name="start"/> and begins pumping its output.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static LocalSandboxProcess Start(string id, IReadOnlyList<string> command, ProcessStartInfo start, int bufferLines,
        TimeProvider time, bool interactive = false)
    {
        var process = new Process { StartInfo = start };
        ProcessSpawner.Start(process);
        var handle = new LocalSandboxProcess(id, command, process, bufferLines, time);
        if (interactive)
        {
            handle.StandardInput = process.StandardInput.BaseStream;
            handle.StandardOutput = process.StandardOutput.BaseStream;
        }
        else
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        _ = handle.PumpAsync();
        return handle;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ProcessOutputLine> ReadOutputAsync(CancellationToken cancellationToken = default) =>
        _output.ReadAsync(cancellationToken);

    /// <summary>The lines still held in the recent-output buffer.</summary>
    public IReadOnlyList<ProcessOutputLine> RecentOutput() => _output.Recent();

    /// <inheritdoc />
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _exited.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        KillTree();
        await _exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            KillTree();
            try
            {
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }

        _process.Dispose();
    }

    /// <summary>Kills the process and its descendants; a process already gone is not an error.</summary>
    public void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private async Task PumpAsync()
    {
        // An interactive process's output belongs to the caller (StandardOutput); only its errors are pumped as lines.
        var stdout = StandardOutput is null ? PumpLinesAsync(_process.StandardOutput, ProcessStream.StandardOutput) : Task.CompletedTask;
        var stderr = PumpLinesAsync(_process.StandardError, ProcessStream.StandardError);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        // A grandchild that survived may hold the pipes open: give the readers a moment (wall-clock), then stop waiting.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainGrace)).ConfigureAwait(false);
        var exitCode = _process.ExitCode;
        _output.Complete();
        _exited.TrySetResult(exitCode);
    }

    private async Task PumpLinesAsync(StreamReader reader, ProcessStream stream)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _output.Publish(new ProcessOutputLine(stream, line, _time.GetUtcNow()));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }
}
