using System.CommandLine;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary><c>appbuilder list</c>: the local projects.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List projects.");
        command.SetAction((parse, cancellationToken) => HostedCommand.RunAsync(parse, cancellationToken, async (session, ct) =>
        {
            var projects = await session.Projects.ListAsync(ConsoleSession.LocalOwner, ct).ConfigureAwait(false);
            if (projects.Count == 0)
            {
                AnsiConsole.MarkupLine("No projects yet. Create one with [bold]appbuilder new \"build me a todo app\"[/].");
                return 0;
            }

            var table = new Table().AddColumns("id", "title", "updated", "last persisted");
            foreach (var p in projects)
            {
                table.AddRow(p.Id, Markup.Escape(p.Title), p.UpdatedAt.ToLocalTime().ToString("g"),
                    p.LastPersistedAt?.ToLocalTime().ToString("g") ?? "—");
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
