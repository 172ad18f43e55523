using AppBuilder.Mcp;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// A project's stdio MCP server: the command runs inside the project's sandbox as an
/// <see cref="ProcessSpec.Interactive"/> background process, and MCP's newline-delimited JSON-RPC flows over its
/// standard input and output. Disposing the transport kills the process; the process dying ends the transport.
/// </summary>
internal sealed class SandboxStdioClientTransport(ISandbox sandbox, string name, McpServerDefinition definition,
    ILoggerFactory loggerFactory, ILogger logger) : IClientTransport
{
    public string Name => name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var spec = new ProcessSpec
        {
            Command = [definition.Command!, .. definition.Args],
            WorkingDirectory = definition.Cwd ?? "",
            Environment = definition.Env,
            Timeout = null,
            Interactive = true,
        };
        var process = await sandbox.Processes.StartAsync(spec, cancellationToken).ConfigureAwait(false);
        if (process.StandardInput is not { } input || process.StandardOutput is not { } output)
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw new NotSupportedException(
                "This sandbox provider cannot connect to a process's standard input and output, so stdio MCP servers cannot run in it.");
        }

        var errors = PumpErrorsAsync(process);
        try
        {
            var inner = await new StreamClientTransport(input, output, loggerFactory).ConnectAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessTransport(inner, process, errors);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task PumpErrorsAsync(ISandboxProcess process)
    {
        try
        {
            await foreach (var line in process.ReadOutputAsync().ConfigureAwait(false))
            {
                if (logger.IsEnabled(LogLevel.Trace))
                {
                    McpLog.StandardError(logger, name, "project", line.Text);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The process is gone; its errors were only for the trace log.
        }
    }

    /// <summary>The stream transport, with the process's life attached: disposing kills the process.</summary>
    private sealed class ProcessTransport(ITransport inner, ISandboxProcess process, Task errors) : ITransport
    {
        public string? SessionId => inner.SessionId;

        public System.Threading.Channels.ChannelReader<JsonRpcMessage> MessageReader => inner.MessageReader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
            inner.SendMessageAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await process.DisposeAsync().ConfigureAwait(false);
                await errors.ConfigureAwait(false);
            }
        }
    }
}
