using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>Runs a command body inside a started host, turning configuration and AppBuilder errors into plain messages.</summary>
internal static class HostedCommand
{
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken,
        Func<ConsoleSession, CancellationToken, Task<int>> body)
    {
        IHost host;
        try
        {
            host = ConsoleHostFactory.Build(parse);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            AnsiConsole.MarkupLine($"[red]Configuration error:[/] {Markup.Escape(string.Join(" ", ex.Failures))}");
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            // A start-up check that failed (for example local sandboxes that would run unconfined): its message says why
            // and names the setting that changes it.
            AnsiConsole.MarkupLine($"[red]Start-up error:[/] {Markup.Escape(ex.Message)}");
            return 2;
        }

        try
        {
            return await body(new ConsoleSession(host), cancellationToken).ConfigureAwait(false);
        }
        catch (AppBuilderException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.ErrorCode)}:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }
}
