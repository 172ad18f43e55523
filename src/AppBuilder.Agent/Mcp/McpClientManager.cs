using System.Text;
using AppBuilder.Mcp;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// Owns every MCP connection of the host: the host's servers (one connection each, shared by all projects) and each
/// project's servers (per project, tied to the sandbox they run in). A definition that changed gets a new connection
/// and the old one is stopped; a project's connections stop when the project asks (<see cref="StopProjectAsync"/>),
/// when its sandbox is replaced, and all of them when the host shuts down (the singleton is disposed).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class McpClientManager : IMcpServerManager, IAsyncDisposable, IDisposable
{
    public const string HostHttpClientName = "AppBuilder.Mcp.Host";
    public const string ProjectHttpClientName = "AppBuilder.Mcp.Project";

    private readonly object _lock = new();
    private readonly Dictionary<string, McpServerConnection> _host = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectServers> _projects = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<McpOptions> _options;
    private readonly ToolCatalogChanges _changes;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private bool _disposed;

    public McpClientManager(IOptionsMonitor<McpOptions> options, ToolCatalogChanges changes, IHttpClientFactory httpClients,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        _options = options;
        _changes = changes;
        _httpClients = httpClients;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("AppBuilder.Agent.Mcp");
        _time = time;
    }

    /// <summary>The connections of the host's enabled servers, as configured now.</summary>
    public IReadOnlyList<McpServerConnection> GetHostConnections()
    {
        var options = _options.CurrentValue;
        var result = new List<McpServerConnection>();
        var retired = new List<McpServerConnection>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var name in _host.Keys.Where(n => !options.Servers.TryGetValue(n, out var d) || d is not { Enabled: true }).ToList())
            {
                retired.Add(_host[name]);
                _host.Remove(name);
            }

            foreach (var (name, definition) in options.Servers)
            {
                if (definition is not { Enabled: true })
                {
                    continue;
                }

                var fingerprint = Fingerprint(definition);
                if (!_host.TryGetValue(name, out var connection) || connection.Fingerprint != fingerprint)
                {
                    if (connection is not null)
                    {
                        retired.Add(connection);
                    }

                    connection = Create(name, "host", definition, fingerprint, options, sandbox: null);
                    _host[name] = connection;
                }

                result.Add(connection);
            }
        }

        StopInBackground(retired);
        return result;
    }

    /// <summary>The connections of a project's enabled servers (<paramref name="definitions"/>, as stored now); its
    /// stdio servers run in <paramref name="sandbox"/>.</summary>
    public IReadOnlyList<McpServerConnection> GetProjectConnections(string projectId, ISandbox sandbox,
        IReadOnlyDictionary<string, McpServerDefinition> definitions)
    {
        var options = _options.CurrentValue;
        var result = new List<McpServerConnection>();
        var retired = new List<McpServerConnection>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_projects.TryGetValue(projectId, out var project) || !ReferenceEquals(project.Sandbox, sandbox))
            {
                if (project is not null)
                {
                    retired.AddRange(project.Connections.Values);
                }

                project = new ProjectServers(sandbox);
                _projects[projectId] = project;
            }

            foreach (var name in project.Connections.Keys.Where(n => !definitions.ContainsKey(n)).ToList())
            {
                retired.Add(project.Connections[name]);
                project.Connections.Remove(name);
            }

            foreach (var (name, definition) in definitions)
            {
                if (!definition.Enabled)
                {
                    if (project.Connections.Remove(name, out var disabled))
                    {
                        retired.Add(disabled);
                    }

                    continue;
                }

                var fingerprint = Fingerprint(definition);
                if (!project.Connections.TryGetValue(name, out var connection) || connection.Fingerprint != fingerprint)
                {
                    if (connection is not null)
                    {
                        retired.Add(connection);
                    }

                    connection = Create(name, "project", definition, fingerprint, options, sandbox);
                    project.Connections[name] = connection;
                }

                result.Add(connection);
            }
        }

        StopInBackground(retired);
        return result;
    }

    /// <inheritdoc />
    public async ValueTask StopProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ProjectServers? project;
        lock (_lock)
        {
            _projects.Remove(projectId, out project);
        }

        if (project is not null)
        {
            await Task.WhenAll(project.Connections.Values.Select(c => c.DisposeAsync().AsTask())).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<McpServerConnection> all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _host.Values, .. _projects.Values.SelectMany(p => p.Connections.Values)];
            _host.Clear();
            _projects.Clear();
        }

        await Task.WhenAll(all.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    /// <summary>For containers disposed synchronously: stops every server, waiting for it.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private McpServerConnection Create(string name, string scope, McpServerDefinition definition, string fingerprint,
        McpOptions options, ISandbox? sandbox) =>
        new(name, scope, definition, fingerprint, ct => Task.FromResult(CreateTransport(name, definition, options, sandbox)),
            options, _changes, _loggerFactory, _time);

    private IClientTransport CreateTransport(string name, McpServerDefinition definition, McpOptions options, ISandbox? sandbox)
    {
        if (definition.Type == McpServerTypes.Http)
        {
            var http = _httpClients.CreateClient(sandbox is null ? HostHttpClientName : ProjectHttpClientName);
            return new HttpClientTransport(new HttpClientTransportOptions
            {
                Name = name,
                Endpoint = new Uri(definition.Url!),
                TransportMode = definition.Transport switch
                {
                    McpHttpTransports.StreamableHttp => HttpTransportMode.StreamableHttp,
                    McpHttpTransports.Sse => HttpTransportMode.Sse,
                    _ => HttpTransportMode.AutoDetect,
                },
                AdditionalHeaders = definition.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
                ConnectionTimeout = options.ConnectTimeout,
            }, http, _loggerFactory, ownsHttpClient: true);
        }

        if (sandbox is not null)
        {
            return new SandboxStdioClientTransport(sandbox, name, definition, _loggerFactory, _logger);
        }

        return new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = name,
            Command = definition.Command!,
            Arguments = [.. definition.Args],
            WorkingDirectory = definition.Cwd,
            EnvironmentVariables = definition.Env.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            StandardErrorLines = line =>
            {
                if (_logger.IsEnabled(LogLevel.Trace))
                {
                    McpLog.StandardError(_logger, name, "host", line);
                }
            },
        }, _loggerFactory);
    }

    private void StopInBackground(List<McpServerConnection> retired)
    {
        foreach (var connection in retired)
        {
            _ = connection.DisposeAsync().AsTask();
        }

        if (retired.Count > 0)
        {
            _changes.Notify();
        }
    }

    /// <summary>A definition's identity, secrets included; it is compared in memory and never written anywhere.</summary>
    internal static string Fingerprint(McpServerDefinition d)
    {
        var sb = new StringBuilder();
        void Add(string? value) => sb.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Add(d.Type);
        Add(d.Command);
        Add(d.Cwd);
        Add(d.Url);
        Add(d.Transport);
        foreach (var a in d.Args)
        {
            Add(a);
        }

        sb.Append("#env|");
        foreach (var (k, v) in d.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Add(k);
            Add(v);
        }

        sb.Append("#headers|");
        foreach (var (k, v) in d.Headers.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            Add(k);
            Add(v);
        }

        return sb.ToString();
    }

    private sealed class ProjectServers(ISandbox sandbox)
    {
        public ISandbox Sandbox { get; } = sandbox;

        public Dictionary<string, McpServerConnection> Connections { get; } = new(StringComparer.Ordinal);
    }
}
