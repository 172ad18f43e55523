using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using AppBuilder.Sandboxes.Internal;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.Local;

/// <summary>Processes of a local sandbox: run to completion (timeout, output cap) or in the background.</summary>
/// <remarks>Thread-safe. Every process started here is killed, with its descendants, when the sandbox stops.</remarks>
internal sealed class LocalSandboxProcesses : ISandboxProcesses
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(1);

    private readonly string _sandboxId;
    private readonly ProcessLauncher _launcher;
    private readonly int _bufferLines;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, LocalSandboxProcess> _background = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Process, byte> _running = new();
    private int _nextId;
    private volatile bool _stopped;

    public LocalSandboxProcesses(string sandboxId, ProcessLauncher launcher, int bufferLines, TimeProvider time, ILogger logger)
    {
        _sandboxId = sandboxId;
        _launcher = launcher;
        _bufferLines = bufferLines;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        var start = _launcher.Create(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.MaxOutputBytes, nameof(spec));
        var started = _time.GetTimestamp();
        using var process = new Process { StartInfo = start };
        try
        {
            ProcessSpawner.Start(process);
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(127, "", $"{spec.Command[0]}: {e.Message}", false, false, _time.GetElapsedTime(started));
        }

        _running[process] = 0;
        try
        {
            LocalSandboxLog.ProcessStarted(_logger, _sandboxId, "run", process.Id, spec.Command[0]);
            CloseInput(process);
            var stdout = new CappedOutput(spec.MaxOutputBytes);
            var stderr = new CappedOutput(spec.MaxOutputBytes);
            var drains = Task.WhenAll(
                stdout.DrainAsync(process.StandardOutput.BaseStream, CancellationToken.None),
                stderr.DrainAsync(process.StandardError.BaseStream, CancellationToken.None));

            using var timeout = spec.Timeout is { } limit
                ? new CancellationTokenSource(limit, _time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                timedOut = true;
                LocalSandboxLog.ProcessTimedOut(_logger, _sandboxId, spec.Command[0], spec.Timeout!.Value);
            }

            // A descendant left running may hold the pipes open: read what is there, then stop waiting.
            await Task.WhenAny(drains, Task.Delay(DrainGrace)).ConfigureAwait(false);
            return new ProcessResult(
                timedOut ? -1 : process.ExitCode,
                stdout.GetText(),
                stderr.GetText(),
                timedOut,
                stdout.Truncated || stderr.Truncated,
                _time.GetElapsedTime(started));
        }
        finally
        {
            _running.TryRemove(process, out _);
            if (!process.HasExited)
            {
                Kill(process);
            }
        }
    }

    /// <inheritdoc />
    public Task<ISandboxProcess> StartAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        var start = _launcher.Create(spec);
        var id = "p" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LocalSandboxProcess process;
        try
        {
            process = LocalSandboxProcess.Start(id, spec.Command.ToArray(), start, _bufferLines, _time, spec.Interactive);
        }
        catch (Win32Exception e)
        {
            throw new AppBuilderException($"Could not start '{spec.Command[0]}': {e.Message}", "process_start_failed", e);
        }

        LocalSandboxLog.ProcessStarted(_logger, _sandboxId, id, process.ProcessId, spec.Command[0]);
        _background[id] = process;
        _ = process.Exited.ContinueWith(_ => _background.TryRemove(id, out LocalSandboxProcess? _), TaskScheduler.Default);
        if (_stopped)
        {
            // Stopped while starting: do not leave it behind.
            process.KillTree();
        }

        return Task.FromResult<ISandboxProcess>(process);
    }

    /// <inheritdoc />
    public IReadOnlyList<ISandboxProcess> List() =>
        _background.Values.Where(p => !p.HasExited).OrderBy(p => p.Id.Length).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Refuses new processes and kills every running one with its descendants.</summary>
    public async Task StopAllAsync()
    {
        _stopped = true;
        foreach (var process in _running.Keys)
        {
            Kill(process);
        }

        var waits = new List<Task>();
        foreach (var process in _background.Values)
        {
            process.KillTree();
            waits.Add(process.Exited);
        }

        await Task.WhenAny(Task.WhenAll(waits), Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
    }

    private void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception e)
        {
            LocalSandboxLog.KillFailed(_logger, e, _sandboxId, SafeId(process));
        }
    }

    private static int SafeId(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static void CloseInput(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }

    private void ThrowIfStopped()
    {
        if (_stopped)
        {
            throw new InvalidOperationException($"Sandbox '{_sandboxId}' is stopped.");
        }
    }
}
