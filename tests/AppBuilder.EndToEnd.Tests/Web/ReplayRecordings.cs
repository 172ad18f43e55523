namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>Facts about the replay recordings shipped with AppBuilder.Agent that the browser test relies on.</summary>
internal static class ReplayRecordings
{
    /// <summary>Visible text of the app the "build me a todo app" recording writes to src/App.tsx.</summary>
    public const string TodoHeading = "Todo";

    /// <summary>A prompt whose recording writes a file (used in supervised mode).</summary>
    public const string FollowUpPrompt = "add a footer";

    /// <summary>The tool that recording calls first.</summary>
    public const string FollowUpTool = "write";
}
