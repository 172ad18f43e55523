using System.CommandLine;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary><c>appbuilder open &lt;project&gt;</c>: restores a project into a sandbox and serves its preview.</summary>
internal static class OpenCommand
{
    public static Command Create()
    {
        var projectArg = new Argument<string>("project") { Description = "Project id or a unique part of its title." };
        var command = new Command("open", "Resume a project: restore its files, start the dev server and print the preview URL.");
        command.Arguments.Add(projectArg);
        command.SetAction((parse, cancellationToken) => HostedCommand.RunAsync(parse, cancellationToken, async (session, ct) =>
        {
            var project = await session.FindProjectAsync(parse.GetValue(projectArg)!, ct).ConfigureAwait(false);
            if (project is null)
            {
                return 1;
            }

            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(project.Title)}[/] [grey]({project.Id})[/]");
            var workspace = await session.OpenWorkspaceAsync(project, ct).ConfigureAwait(false);
            await session.ServeAsync(project, workspace, parse.GetValue(ConsoleOptions.Exit), ct).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
