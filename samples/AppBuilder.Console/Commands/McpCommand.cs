using System.CommandLine;
using AppBuilder.Agent.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>
/// <c>appbuilder mcp</c>: serves AppBuilder's MCP tools over stdin/stdout until the client closes stdin, for MCP clients
/// such as Claude Desktop or Cursor that start their servers as commands. Nothing but MCP messages is written to
/// stdout: logs (warnings and errors; everything from Information with --verbose) and start-up errors go to stderr.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var command = new Command("mcp", "Serve AppBuilder as an MCP server over stdio (for Claude Desktop, Cursor and other MCP clients).");
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = ConsoleHostFactory.Build(parse, builder =>
            {
                builder.Services.AddSingleton<IAppBuilderMcpBackend, ConsoleMcpBackend>();
                builder.Services
                    .AddMcpServer(o => o.ServerInfo = new() { Name = "appbuilder", Version = typeof(McpCommand).Assembly.GetName().Version?.ToString() ?? "0" })
                    .WithStdioServerTransport()
                    .WithAppBuilderTools();
            }, logsToStandardError: true);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"Start-up error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            // The stdio transport stops the host when the client closes stdin.
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }
}
