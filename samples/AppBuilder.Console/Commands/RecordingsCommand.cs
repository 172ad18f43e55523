using System.CommandLine;
using AppBuilder.Agent.Replay;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary><c>appbuilder recordings</c>: the prompts the replay model can answer.</summary>
internal static class RecordingsCommand
{
    public static Command Create()
    {
        var command = new Command("recordings", "List the recorded sessions the replay model can play back, with their prompts.");
        command.SetAction((parse, cancellationToken) => HostedCommand.RunAsync(parse, cancellationToken, (session, _) =>
        {
            var library = session.Services.GetService<ReplayLibrary>();
            if (library is null)
            {
                AnsiConsole.MarkupLine("The configured model is not the replay model.");
                return Task.FromResult(0);
            }

            var table = new Table().AddColumns("recording", "source", "prompts");
            foreach (var recording in library.Available)
            {
                table.AddRow(Markup.Escape(recording.Title), Markup.Escape(recording.Source),
                    Markup.Escape(string.Join("\n", recording.Prompts.Take(4))));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]Follow-up turns are replayed in order; see docs/replay-format.md to add your own.[/]");
            return Task.FromResult(0);
        }));
        return command;
    }
}
