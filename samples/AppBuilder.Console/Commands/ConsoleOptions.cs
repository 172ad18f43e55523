using System.CommandLine;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>Options every command accepts.</summary>
internal static class ConsoleOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder for projects, snapshots, sandboxes and the dependency cache.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("APPBUILDER_DATA") ?? ".appbuilder",
        Recursive = true,
    };

    public static readonly Option<string?> Model = new("--model")
    {
        Description = "Model provider: replay (default; recorded sessions), openai (any OpenAI-compatible endpoint) or anthropic.",
        Recursive = true,
    };

    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "Base URL of the model API (e.g. http://localhost:11434/v1 for Ollama).",
        Recursive = true,
    };

    public static readonly Option<string?> ModelId = new("--model-id")
    {
        Description = "Model name, e.g. gpt-4.1 or claude-sonnet-4-5.",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show AppBuilder's logs.",
        Recursive = true,
    };

    public static readonly Option<bool> Exit = new("--exit")
    {
        Description = "Exit after the turn instead of serving the preview until Ctrl+C.",
        Recursive = true,
    };

    public static void AddGlobalOptions(Command root)
    {
        root.Options.Add(Data);
        root.Options.Add(Model);
        root.Options.Add(Endpoint);
        root.Options.Add(ModelId);
        root.Options.Add(Verbose);
        root.Options.Add(Exit);
    }
}
