using System.CommandLine;
using AppBuilder.ConsoleHost.Commands;

var root = new RootCommand("AppBuilder console host: build React + Vite + Tailwind apps by chatting with an AI agent.");
ConsoleOptions.AddGlobalOptions(root);
root.Subcommands.Add(NewCommand.Create());
root.Subcommands.Add(OpenCommand.Create());
root.Subcommands.Add(ChatCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(RecordingsCommand.Create());
root.Subcommands.Add(McpCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
