using System.CommandLine;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary><c>appbuilder chat &lt;project&gt; "&lt;prompt&gt;"</c>: continues a project's conversation.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var projectArg = new Argument<string>("project") { Description = "Project id or a unique part of its title." };
        var prompt = new Argument<string>("prompt") { Description = "What to change or add." };
        var command = new Command("chat", "Send another message to a project's agent.");
        command.Arguments.Add(projectArg);
        command.Arguments.Add(prompt);
        command.SetAction((parse, cancellationToken) => HostedCommand.RunAsync(parse, cancellationToken, async (session, ct) =>
        {
            session.PrintModel();
            var project = await session.FindProjectAsync(parse.GetValue(projectArg)!, ct).ConfigureAwait(false);
            if (project is null)
            {
                return 1;
            }

            var chat = await session.GetOrCreateSessionAsync(project, ct).ConfigureAwait(false);
            var workspace = await session.OpenWorkspaceAsync(project, ct).ConfigureAwait(false);
            var completed = await session.RunTurnAsync(project, chat, workspace, parse.GetValue(prompt)!, ct).ConfigureAwait(false);
            await session.ServeAsync(project, workspace, parse.GetValue(ConsoleOptions.Exit), ct).ConfigureAwait(false);
            return completed ? 0 : 1;
        }));
        return command;
    }
}
