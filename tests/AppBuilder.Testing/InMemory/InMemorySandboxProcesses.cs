using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using AppBuilder.Sandboxes;

namespace AppBuilder.Testing;

/// <summary>
/// Scripted processes for <see cref="InMemorySandbox"/>: nothing really runs. <see cref="Handler"/> decides the
/// outcome of each command (so tests can script <c>npm</c>); every command run or started is recorded in
/// <see cref="Commands"/>. Timeouts and output caps of <see cref="ProcessSpec"/> are applied as a real sandbox would.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemorySandboxProcesses : ISandboxProcesses
{
    private readonly ConcurrentQueue<ProcessSpec> _commands = new();
    private readonly ConcurrentDictionary<string, InMemorySandboxProcess> _processes = new();
    private readonly TimeProvider _time;
    private readonly InMemorySandboxFileSystem? _files;
    private int _nextId;

    /// <summary>Creates the process table.</summary>
    public InMemorySandboxProcesses(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the process table of a sandbox whose working folders live in <paramref name="files"/>.</summary>
    internal InMemorySandboxProcesses(InMemorySandboxFileSystem files, TimeProvider? timeProvider = null) : this(timeProvider)
    {
        _files = files;
    }

    /// <summary>
    /// Produces the result of a command. The default answers exit code 127 ("command not found"). The token is
    /// cancelled when the spec's timeout passes or the caller cancels.
    /// </summary>
    public Func<ProcessSpec, CancellationToken, Task<ProcessResult>> Handler { get; set; } = static (spec, _) =>
        Task.FromResult(new ProcessResult(127, "", $"{spec.Command[0]}: command not found (no handler scripted)\n", false, false, TimeSpan.Zero));

    /// <summary>
    /// Runs a background process started <see cref="ProcessSpec.Interactive"/>: it reads the process's standard input
    /// from the first stream and writes its standard output to the second, and returns the exit code. The token is
    /// cancelled when the process is killed. <see langword="null"/> (the default) runs interactive processes through
    /// <see cref="Handler"/> like any other, with their input closed and no output stream.
    /// </summary>
    public Func<ProcessSpec, Stream, Stream, CancellationToken, Task<int>>? InteractiveHandler { get; set; }

    /// <summary>Every command run or started, in order.</summary>
    public IReadOnlyList<ProcessSpec> Commands => [.. _commands];

    /// <summary>Scripts every command to succeed with the given output.</summary>
    public void SucceedWith(string standardOutput = "") =>
        Handler = (_, _) => Task.FromResult(new ProcessResult(0, standardOutput, "", false, false, TimeSpan.Zero));

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        _commands.Enqueue(spec);
        var started = _time.GetTimestamp();
        using var timeout = spec.Timeout is { } limit
            ? new CancellationTokenSource(limit, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await Handler(spec, linked.Token).ConfigureAwait(false);
            return Cap(result, spec.MaxOutputBytes);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(-1, "", "", true, false, _time.GetElapsedTime(started));
        }
    }

    /// <inheritdoc />
    public Task<ISandboxProcess> StartAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        _commands.Enqueue(spec);
        var id = "p" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new InMemorySandboxProcess(id, spec, Handler, spec.Interactive ? InteractiveHandler : null, _time,
            () => _processes.TryRemove(id, out _));
        _processes[id] = process;
        return Task.FromResult<ISandboxProcess>(process);
    }

    /// <inheritdoc />
    public IReadOnlyList<ISandboxProcess> List() => [.. _processes.Values];

    /// <summary>Kills every background process (the sandbox is stopping).</summary>
    internal async Task KillAllAsync()
    {
        foreach (var process in _processes.Values)
        {
            await process.KillAsync().ConfigureAwait(false);
        }
    }

    // As a real sandbox: an empty command is an argument error, a hostile working folder a SandboxPathException and a
    // missing one DirectoryNotFoundException, before anything runs.
    private void Validate(ProcessSpec spec)
    {
        if (spec.Command.Count == 0)
        {
            throw new ArgumentException("A command needs at least a program.", nameof(spec));
        }

        if (_files is not null && spec.WorkingDirectory is { } folder)
        {
            _files.ResolveFolder(folder);
        }
    }

    private static ProcessResult Cap(ProcessResult result, int maxBytes)
    {
        var (stdout, cutOut) = CapText(result.StandardOutput, maxBytes);
        var (stderr, cutErr) = CapText(result.StandardError, maxBytes);
        return result with { StandardOutput = stdout, StandardError = stderr, OutputTruncated = result.OutputTruncated || cutOut || cutErr };
    }

    private static (string Text, bool Cut) CapText(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
        {
            return (text, false);
        }

        Debug.Assert(maxBytes >= 0);
        return (Encoding.UTF8.GetString(bytes, 0, maxBytes), true);
    }
}
