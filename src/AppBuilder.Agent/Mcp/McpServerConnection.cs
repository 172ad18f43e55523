using System.Globalization;
using System.Text.Json;
using AppBuilder.Agent.Tools;
using AppBuilder.Mcp;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// One MCP server as the agent uses it: started lazily on first use, its tool list cached until the server says it
/// changed, restarted on the next use after it died, timed out or could not start (waiting a delay that doubles with
/// each failure in a row, up to <see cref="McpOptions.MaxRestartDelay"/>). Every failure reaches the caller as an
/// <see cref="AppBuilderException"/> whose message is meant for the model: it names the server, never its secrets.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class McpServerConnection : IAsyncDisposable
{
    /// <summary>A call that finds the server waiting to restart waits this long at most; a longer wait fails fast.</summary>
    private static readonly TimeSpan MaxWaitForRestart = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, Task<IClientTransport>> _transportFactory;
    private readonly McpOptions _options;
    private readonly ToolCatalogChanges _changes;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private McpClient? _client;
    private IReadOnlyList<McpClientTool>? _tools;
    private int _failures;
    private DateTimeOffset _retryAfter = DateTimeOffset.MinValue;
    private string _lastFailure = "";
    private bool _disposed;

    public McpServerConnection(string name, string scope, McpServerDefinition definition, string fingerprint,
        Func<CancellationToken, Task<IClientTransport>> transportFactory, McpOptions options, ToolCatalogChanges changes,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        Name = name;
        Scope = scope;
        Definition = definition;
        Fingerprint = fingerprint;
        _transportFactory = transportFactory;
        _options = options;
        _changes = changes;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("AppBuilder.Agent.Mcp");
        _time = time;
    }

    /// <summary>The server's name (the prefix of its tools).</summary>
    public string Name { get; }

    /// <summary><c>host</c> or <c>project</c>, for logs.</summary>
    public string Scope { get; }

    public McpServerDefinition Definition { get; }

    /// <summary>Identifies the definition (secrets included, kept in memory only): a changed definition is a new connection.</summary>
    public string Fingerprint { get; }

    /// <summary>Whether a live session exists now (nothing is started to answer).</summary>
    public bool IsConnected => _client is { Completion.IsCompleted: false };

    /// <summary>Returns the server's tools, starting the server when needed.</summary>
    public async Task<IReadOnlyList<McpClientTool>> GetToolsAsync(CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken).ConfigureAwait(false);
        if (_tools is { } cached)
        {
            return cached;
        }

        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var tools = (await client.ListToolsAsync(cancellationToken: linked.Token).ConfigureAwait(false)).ToArray();
            _tools = tools;
            _failures = 0;
            return tools;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FailAsync(client, "tools/list", e, timeout.IsCancellationRequested, _options.ConnectTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>Calls a tool (by the server's own name for it), starting the server when needed.</summary>
    public async Task<CallToolResult> CallToolAsync(string tool, IReadOnlyDictionary<string, object?> arguments,
        CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: linked.Token).ConfigureAwait(false);
            _failures = 0;
            return result;
        }
        catch (McpProtocolException e)
        {
            // The server answered with a JSON-RPC error: the session is fine, the call is not.
            throw new AppBuilderException(
                $"the MCP server '{Name}' refused the call of '{tool}': {TextFiles.Shorten(e.Message, 500)}", "mcp_tool_error");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FailAsync(client, tool, e, timeout.IsCancellationRequested, _options.CallTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the session (killing a stdio server); the next use starts it again.</summary>
    public async ValueTask DisposeAsync()
    {
        McpClient? client;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            client = _client;
            _client = null;
            _tools = null;
        }
        finally
        {
            _gate.Release();
        }

        if (client is not null)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            McpLog.Stopped(_logger, Name, Scope);
        }
    }

    private async Task<McpClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { Completion.IsCompleted: false } live)
        {
            return live;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                throw new AppBuilderException(
                    $"the MCP server '{Name}' was stopped (its definition changed, or its project or the host stopped); call the tool again after the next step.",
                    "mcp_unavailable");
            }

            if (_client is { } current)
            {
                if (!current.Completion.IsCompleted)
                {
                    return current;
                }

                _client = null;
                _tools = null;
                await DisposeQuietlyAsync(current).ConfigureAwait(false);
            }

            var wait = _retryAfter - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                if (wait > MaxWaitForRestart)
                {
                    throw new AppBuilderException(
                        $"the MCP server '{Name}' is unavailable ({_lastFailure}); it is retried in {Math.Ceiling(wait.TotalSeconds)} s.",
                        "mcp_unavailable");
                }

                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        McpClient client;
        try
        {
            var transport = await _transportFactory(linked.Token).ConfigureAwait(false);
            client = await McpClient.CreateAsync(transport, CreateClientOptions(), _loggerFactory, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _lastFailure = timeout.IsCancellationRequested || e is TimeoutException
                ? $"it did not complete the MCP handshake within {Seconds(_options.ConnectTimeout)} s — is it an MCP server, speaking JSON-RPC on its output?"
                : DescribeStartFailure(e);
            var delay = NextDelay();
            McpLog.ConnectFailed(_logger, Name, Scope, delay.TotalMilliseconds, e);
            throw new AppBuilderException($"the MCP server '{Name}' could not be started: {_lastFailure}", "mcp_unavailable", e);
        }

        _client = client;
        _tools = null;
        McpLog.Connected(_logger, Name, Scope, Definition.Type, client.ServerInfo?.Name ?? "?", client.ServerInfo?.Version ?? "?");
        _ = WatchAsync(client);
        return client;
    }

    private McpClientOptions CreateClientOptions() => new()
    {
        ClientInfo = new Implementation { Name = "AppBuilder", Version = typeof(McpServerConnection).Assembly.GetName().Version?.ToString() ?? "1.0" },
        InitializationTimeout = _options.ConnectTimeout,
        Handlers = new McpClientHandlers
        {
            NotificationHandlers =
            [
                new(NotificationMethods.ToolListChangedNotification, (_, _) =>
                {
                    _tools = null;
                    McpLog.ToolListChanged(_logger, Name, Scope);
                    _changes.Notify();
                    return ValueTask.CompletedTask;
                }),
            ],
        },
    };

    /// <summary>Notices a session that ended on its own (the server died or closed its output).</summary>
    private async Task WatchAsync(McpClient client)
    {
        var details = await client.Completion.ConfigureAwait(false);
        if (_disposed || !ReferenceEquals(_client, client))
        {
            return;
        }

        _tools = null;
        var reason = details is StdioClientCompletionDetails { ExitCode: { } code } ? $"exit code {code}" : "its session ended";
        _lastFailure = "it stopped (" + reason + ")";
        var delay = NextDelay();
        McpLog.Died(_logger, Name, Scope, reason, delay.TotalMilliseconds);
        _changes.Notify();
    }

    /// <summary>Turns a failure during a request into the model's error, and retires the session when it cannot be trusted.</summary>
    private async Task<AppBuilderException> FailAsync(McpClient client, string what, Exception e, bool timedOut, TimeSpan limit)
    {
        string message;
        if (timedOut)
        {
            McpLog.CallTimedOut(_logger, Name, Scope, what, limit.TotalMilliseconds);
            message = $"the MCP server '{Name}' did not answer '{what}' within {Seconds(limit)} s; it is restarted on its next use.";
            _lastFailure = "it stopped answering";
        }
        else if (e is JsonException || e.InnerException is JsonException)
        {
            McpLog.CallFailed(_logger, Name, Scope, what, e);
            message = $"the MCP server '{Name}' sent a malformed response to '{what}' (not a valid MCP result); it is restarted on its next use.";
            _lastFailure = "it sent a malformed response";
        }
        else
        {
            McpLog.CallFailed(_logger, Name, Scope, what, e);
            message = client.Completion.IsCompleted || e is IOException or ObjectDisposedException
                ? $"the MCP server '{Name}' stopped during '{what}'; it is restarted on its next use."
                : $"the MCP server '{Name}' failed during '{what}' ({e.GetType().Name}); it is restarted on its next use.";
            _lastFailure = "it failed during a request";
        }

        await RetireAsync(client).ConfigureAwait(false);
        return new AppBuilderException(message, "mcp_tool_error", e);
    }

    private async Task RetireAsync(McpClient client)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(_client, client))
            {
                return;
            }

            _client = null;
            _tools = null;
            NextDelay();
        }
        finally
        {
            _gate.Release();
        }

        await DisposeQuietlyAsync(client).ConfigureAwait(false);
        _changes.Notify();
    }

    /// <summary>Counts a failure and returns the delay before the next attempt.</summary>
    private TimeSpan NextDelay()
    {
        var failures = Interlocked.Increment(ref _failures);
        var ticks = _options.RestartDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxRestartDelay.Ticks));
        _retryAfter = _time.GetUtcNow() + delay;
        return delay;
    }

    private static string DescribeStartFailure(Exception e) => e switch
    {
        NotSupportedException => e.Message,
        AppBuilderException => e.Message,
        HttpRequestException { StatusCode: { } status } => $"it answered HTTP {(int)status}",
        HttpRequestException => "it could not be reached",
        System.ComponentModel.Win32Exception => "its command could not be started (is it installed?)",
        IOException or ObjectDisposedException => "it exited before completing the MCP handshake",
        McpProtocolException => "it refused the MCP handshake",
        _ => $"{e.GetType().Name} while connecting",
    };

    private static async ValueTask DisposeQuietlyAsync(McpClient client)
    {
        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A session that is already broken may fail to close; it is gone either way.
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
