using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AppBuilder.Sandboxes;

namespace AppBuilder.Testing;

/// <summary>A background process of <see cref="InMemorySandboxProcesses"/>: runs the scripted handler, then
/// replays its output as lines.</summary>
public sealed class InMemorySandboxProcess : ISandboxProcess
{
    private readonly CancellationTokenSource _kill = new();
    private readonly Task<int> _run;
    private readonly List<ProcessOutputLine> _lines = [];
    private readonly List<Channel<ProcessOutputLine>> _readers = [];
    private readonly TimeProvider _time;
    private readonly Action _onExit;

    internal InMemorySandboxProcess(string id, ProcessSpec spec, Func<ProcessSpec, CancellationToken, Task<ProcessResult>> handler,
        Func<ProcessSpec, Stream, Stream, CancellationToken, Task<int>>? interactive, TimeProvider time, Action onExit)
    {
        Id = id;
        Command = spec.Command;
        _time = time;
        _onExit = onExit;
        if (interactive is not null)
        {
            var input = new Pipe();
            var output = new Pipe();
            StandardInput = input.Writer.AsStream();
            StandardOutput = output.Reader.AsStream();
            _run = RunInteractiveAsync(spec, interactive, input, output);
        }
        else
        {
            _run = RunAsync(spec, handler);
        }
    }

    /// <inheritdoc />
    public Stream? StandardInput { get; }

    /// <inheritdoc />
    public Stream? StandardOutput { get; }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Command { get; }

    /// <inheritdoc />
    public bool HasExited => _run.IsCompleted;

    /// <inheritdoc />
    public int? ExitCode => _run.IsCompletedSuccessfully ? _run.Result : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<ProcessOutputLine> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ProcessOutputLine>();
        lock (_lines)
        {
            foreach (var line in _lines)
            {
                channel.Writer.TryWrite(line);
            }

            if (_run.IsCompleted)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _readers.Add(channel);
            }
        }

        await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    /// <inheritdoc />
    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) => _run.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        await _kill.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _kill.Dispose();
    }

    private async Task<int> RunAsync(ProcessSpec spec, Func<ProcessSpec, CancellationToken, Task<ProcessResult>> handler)
    {
        await Task.Yield();
        int exitCode;
        try
        {
            var result = await handler(spec, _kill.Token).ConfigureAwait(false);
            Publish(ProcessStream.StandardOutput, result.StandardOutput);
            Publish(ProcessStream.StandardError, result.StandardError);
            exitCode = result.ExitCode;
        }
        catch (OperationCanceledException)
        {
            exitCode = -1;
        }

        lock (_lines)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }

            _readers.Clear();
        }

        _onExit();
        return exitCode;
    }

    private async Task<int> RunInteractiveAsync(ProcessSpec spec, Func<ProcessSpec, Stream, Stream, CancellationToken, Task<int>> handler,
        Pipe input, Pipe output)
    {
        await Task.Yield();
        int exitCode;
        var stdin = input.Reader.AsStream();
        var stdout = output.Writer.AsStream();
        try
        {
            exitCode = await handler(spec, stdin, stdout, _kill.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exitCode = -1;
        }
        catch (Exception e)
        {
            Publish(ProcessStream.StandardError, e.Message);
            exitCode = 1;
        }

        // As a real process: once it is gone its output ends and writes to its input fail.
        await output.Writer.CompleteAsync().ConfigureAwait(false);
        await input.Reader.CompleteAsync().ConfigureAwait(false);
        lock (_lines)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }

            _readers.Clear();
        }

        _onExit();
        return exitCode;
    }

    private void Publish(ProcessStream stream, string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var outputLine = new ProcessOutputLine(stream, line.TrimEnd('\r'), _time.GetUtcNow());
            lock (_lines)
            {
                _lines.Add(outputLine);
                foreach (var reader in _readers)
                {
                    reader.Writer.TryWrite(outputLine);
                }
            }
        }
    }
}
