using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AppBuilder.Testing.Npm;

namespace AppBuilder.Testing.Mcp;

/// <summary>
/// The MCP reference server <c>@modelcontextprotocol/server-everything</c> from npm, installed into the per-machine
/// test cache on first use. <see cref="EnsureInstalledAsync"/> returns its entry script for stdio use
/// (<c>node {script} stdio</c>); <see cref="StartHttpAsync"/> runs it over HTTP (<c>streamableHttp</c> on <c>/mcp</c>,
/// <c>sse</c> on <c>/sse</c>) on a free loopback port, stopped by its process handle on dispose. Needs Node.js and npm
/// (<see cref="Prerequisites.Prerequisite.Node"/>).
/// </summary>
public sealed class McpEverythingServer : IAsyncDisposable
{
    /// <summary>The package.</summary>
    public const string Package = "@modelcontextprotocol/server-everything";

    /// <summary>The version the tests use. Its tools include <c>echo</c>, <c>get-sum</c>, <c>get-tiny-image</c>,
    /// <c>get-resource-links</c> and <c>trigger-long-running-operation</c>.</summary>
    public const string Version = "2026.8.31";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private McpEverythingServer(Process process, StringBuilder output, Uri url)
    {
        _process = process;
        _output = output;
        Url = url;
    }

    /// <summary>The MCP endpoint: <c>http://127.0.0.1:{port}/mcp</c> (streamable HTTP) or <c>…/sse</c>.</summary>
    public Uri Url { get; }

    /// <summary>What the server wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Returns the path of the server's <c>dist/index.js</c>, installing the package when it is missing.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var folder = await NpmPackageInstaller.EnsureInstalledAsync(Package, Version, "the MCP client tests", cancellationToken)
            .ConfigureAwait(false);
        var script = Path.Combine([folder, "node_modules", .. Package.Split('/'), "dist", "index.js"]);
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"{Package}@{Version} is installed but has no dist/index.js.");
    }

    /// <summary>Starts the server in <paramref name="mode"/> (<c>streamableHttp</c> or <c>sse</c>) and waits until it listens.</summary>
    public static async Task<McpEverythingServer> StartHttpAsync(string mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        var script = await EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(mode);
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains(port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new McpEverythingServer(process, output, new Uri($"http://127.0.0.1:{port}/{(mode == "sse" ? "sse" : "mcp")}"));
        try
        {
            await Task.WhenAny(listening.Task, process.WaitForExitAsync(cancellationToken)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken)
                .ConfigureAwait(false);
            if (!listening.Task.IsCompleted)
            {
                throw new InvalidOperationException($"server-everything ({mode}) exited before listening. Output:\n{server.Output}");
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Stops the server (by its process handle).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
