using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AppBuilder.Logs;
using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.DevServer;

/// <summary>
/// Runs a project's dev server (Vite) in its sandbox: reserves a port, starts it with the preview environment, waits
/// until an HTTP GET of the base path answers, keeps a ring buffer of its log (each line also goes to
/// <see cref="IProjectLogStore"/> and the listener), restarts it with a bounded backoff when it dies, and gives up
/// (status <see cref="WorkspaceStatus.Error"/>) after too many quick crashes in a row.
/// </summary>
/// <remarks>Thread-safe. Readiness polling and restart backoff use wall-clock time.</remarks>
internal sealed partial class DevServerSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan QuickCrashWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(10),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly ISandbox _sandbox;
    private readonly WorkspaceOptions _options;
    private readonly IProjectLogStore _logs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDevServerListener _listener;
    private readonly string _basePath;
    private readonly Queue<string> _recent = new();
    private readonly CancellationTokenSource _stopping = new();
    private ISandboxProcess? _process;
    private Task _monitor = Task.CompletedTask;
    private int _port;
    private Uri? _url;
    private int _restarts;

    public DevServerSupervisor(ISandbox sandbox, WorkspaceOptions options, IProjectLogStore logs, TimeProvider time,
        ILogger logger, IDevServerListener listener)
    {
        _sandbox = sandbox;
        _options = options;
        _logs = logs;
        _time = time;
        _logger = logger;
        _listener = listener;
        _basePath = options.GetPreviewBasePath(sandbox.ProjectId);
    }

    /// <summary>The dev server's URL including the base path, once it answered.</summary>
    public Uri? Url => _url;

    /// <summary>The running dev-server process (null before the first start).</summary>
    public ISandboxProcess? Process => _process;

    /// <summary>How many times the dev server was restarted after dying.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Whether the supervisor still keeps a dev server running (false once stopped or given up).</summary>
    public bool IsActive => !_monitor.IsCompleted && !_stopping.IsCancellationRequested;

    /// <summary>The newest lines of the dev server's output, oldest first.</summary>
    public IReadOnlyList<string> RecentLog()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    /// <summary>Starts the dev server and waits until it answers; then keeps it running.</summary>
    /// <exception cref="AppBuilderException">It exited or did not answer within the start timeout.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _port = await _sandbox.ReservePortAsync(5173, cancellationToken).ConfigureAwait(false);
        string? failure;
        try
        {
            failure = await TryStartOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Cancelled (or failed) while waiting for the answer: do not leave the process running unsupervised.
            await KillCurrentAsync().ConfigureAwait(false);
            throw;
        }

        if (failure is not null)
        {
            await KillCurrentAsync().ConfigureAwait(false);
            throw new AppBuilderException($"The dev server did not start: {failure}", "dev_server_failed");
        }

        _monitor = MonitorAsync(_stopping.Token);
    }

    /// <summary>Stops the dev server and its supervision.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await KillCurrentAsync().ConfigureAwait(false);
        try
        {
            await _monitor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        DevServerLog.Stopped(_logger, _sandbox.ProjectId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Starts one dev-server process and waits until it answers. Returns null on success, else why not.</summary>
    private async Task<string?> TryStartOnceAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var environment = new Dictionary<string, string>
        {
            ["APPBUILDER_PREVIEW_BASE"] = _basePath,
            ["BROWSER"] = "none",
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
        };
        if (_options.HmrClientPort is { } hmr)
        {
            environment["APPBUILDER_HMR_CLIENT_PORT"] = hmr.ToString(CultureInfo.InvariantCulture);
        }

        var portText = _port.ToString(CultureInfo.InvariantCulture);
        var command = ((IEnumerable<string>?)_options.DevServerCommand ?? WorkspaceOptions.DefaultDevServerCommand)
            .Select(a => a.Replace("{port}", portText, StringComparison.Ordinal)).ToArray();
        var process = await _sandbox.Processes.StartAsync(new ProcessSpec { Command = command, Environment = environment, Timeout = null },
            cancellationToken).ConfigureAwait(false);
        _process = process;
        _ = PumpLogAsync(process);

        var url = new Uri(await _sandbox.GetPortUrlAsync(_port, cancellationToken).ConfigureAwait(false), _basePath.TrimStart('/'));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        deadline.CancelAfter(_options.DevServerStartTimeout);
        var delay = TimeSpan.FromMilliseconds(40);
        while (true)
        {
            if (process.HasExited)
            {
                var reason = $"it exited with code {process.ExitCode}. {LastLines(5)}";
                DevServerLog.NotReady(_logger, _sandbox.ProjectId, reason);
                return reason;
            }

            try
            {
                using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                // Any HTTP answer means the server is up; the page itself may have errors the agent must fix.
                break;
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or IOException)
            {
                // Not listening yet (or the socket was torn down while Vite binds): try again.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                var reason = $"no answer at {url} within {_options.DevServerStartTimeout}. {LastLines(5)}";
                DevServerLog.NotReady(_logger, _sandbox.ProjectId, reason);
                return reason;
            }

            try
            {
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                continue;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 100));
        }

        var changed = _url != url;
        _url = url;
        DevServerLog.Ready(_logger, _sandbox.ProjectId, url, Stopwatch.GetElapsedTime(started));
        if (changed)
        {
            _listener.OnUrl(url);
        }

        return null;
    }

    private async Task MonitorAsync(CancellationToken stopping)
    {
        var crashes = 0;
        var startedAt = Stopwatch.GetTimestamp();
        while (!stopping.IsCancellationRequested)
        {
            var process = _process!;
            int exitCode;
            try
            {
                exitCode = await process.WaitForExitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            crashes = Stopwatch.GetElapsedTime(startedAt) < QuickCrashWindow ? crashes + 1 : 1;
            while (true)
            {
                if (crashes > _options.MaxDevServerCrashes)
                {
                    DevServerLog.GaveUp(_logger, _sandbox.ProjectId, crashes - 1);
                    _listener.OnStatus(WorkspaceStatus.Error,
                        $"The dev server crashed {crashes - 1} times in a row. {LastLines(5)}");
                    return;
                }

                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, crashes - 1)));
                DevServerLog.Crashed(_logger, _sandbox.ProjectId, exitCode, crashes, delay);
                _listener.OnStatus(WorkspaceStatus.Starting, $"The dev server exited with code {exitCode}; restarting.");
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (!PortAllocator.IsFree(_port))
                {
                    // Something else took the port meanwhile: move to another one (the URL changes).
                    _port = await _sandbox.ReservePortAsync(0, stopping).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _restarts);
                startedAt = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await TryStartOnceAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is InvalidOperationException or AppBuilderException)
                {
                    failure = e.Message;
                }

                if (failure is null)
                {
                    _listener.OnStatus(WorkspaceStatus.Ready, "The dev server was restarted.");
                    break;
                }

                await KillCurrentAsync().ConfigureAwait(false);
                exitCode = _process?.ExitCode ?? -1;
                crashes++;
            }
        }
    }

    private async Task PumpLogAsync(ISandboxProcess process)
    {
        try
        {
            await foreach (var line in process.ReadOutputAsync(_stopping.Token).ConfigureAwait(false))
            {
                var text = Ansi().Replace(line.Text, "");
                lock (_recent)
                {
                    if (_recent.Count >= _options.DevServerLogLines)
                    {
                        _recent.Dequeue();
                    }

                    _recent.Enqueue(text);
                }

                var level = line.Stream == ProcessStream.StandardError
                    ? text.Contains("warn", StringComparison.OrdinalIgnoreCase) ? "warn" : "error"
                    : text.Contains("error", StringComparison.OrdinalIgnoreCase) ? "error" : "info";
                _logs.Append(_sandbox.ProjectId, new ProjectLogEntry(_time.GetUtcNow(), ProjectLogKind.Console, level, text, "vite"));
                DevServerLog.Line(_logger, _sandbox.ProjectId, text);
                _listener.OnLog(text);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KillCurrentAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                await process.KillAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private string LastLines(int count)
    {
        var lines = RecentLog();
        return lines.Count == 0 ? "" : "Last output: " + string.Join(" | ", lines.Skip(Math.Max(0, lines.Count - count)));
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex Ansi();
}
