namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// Facts about the replay recording the browser test plays: src/AppBuilder.Agent/Recordings/todo-app.json.
/// </summary>
internal static class ReplayRecordings
{
    /// <summary>The recording's main prompt.</summary>
    public const string TodoPrompt = "build me a todo app";

    /// <summary>The h1 of the src/App.tsx the first turn writes (on a line no later edit of the recording searches for).</summary>
    public const string TodoHeading = "My Todos";

    /// <summary>The recording's second user turn.</summary>
    public const string FollowUpPrompt = "add a filter for completed todos";

    /// <summary>The first tool of the second turn that needs approval in supervised mode: a write of a new file.</summary>
    public const string FollowUpTool = "write";

    /// <summary>The file that write creates.</summary>
    public const string FollowUpFile = "src/components/FilterBar.tsx";
}
