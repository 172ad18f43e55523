using System.CommandLine;
using AppBuilder.Storage;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary><c>appbuilder new "&lt;prompt&gt;"</c>: creates a project, runs the agent, starts the preview, persists.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "What to build, e.g. \"build me a todo app\"." };
        var title = new Option<string?>("--title") { Description = "Project title (defaults to the prompt)." };
        var command = new Command("new", "Create a project from a prompt, build it with the agent and serve its preview.");
        command.Arguments.Add(prompt);
        command.Options.Add(title);
        command.SetAction((parse, cancellationToken) => HostedCommand.RunAsync(parse, cancellationToken, async (session, ct) =>
        {
            session.PrintModel();
            var text = parse.GetValue(prompt)!;
            var now = DateTimeOffset.UtcNow;
            var project = new ProjectRecord
            {
                Id = StorageId.New(),
                OwnerId = ConsoleSession.LocalOwner,
                Title = parse.GetValue(title) ?? TitleFrom(text),
                InitialPrompt = text,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await session.Projects.CreateAsync(project, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"[grey]created project {project.Id} “{Markup.Escape(project.Title)}”[/]");

            var chat = await session.GetOrCreateSessionAsync(project, ct).ConfigureAwait(false);
            var workspace = await session.OpenWorkspaceAsync(project, ct).ConfigureAwait(false);
            var completed = await session.RunTurnAsync(project, chat, workspace, text, ct).ConfigureAwait(false);
            await session.ServeAsync(project, workspace, parse.GetValue(ConsoleOptions.Exit), ct).ConfigureAwait(false);
            return completed ? 0 : 1;
        }));
        return command;
    }

    internal static string TitleFrom(string prompt)
    {
        var flat = string.Join(' ', prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 60 ? flat : flat[..59] + "…";
    }
}
