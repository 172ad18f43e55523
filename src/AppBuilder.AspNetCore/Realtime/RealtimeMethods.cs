namespace AppBuilder.AspNetCore.Realtime;

/// <summary>The client methods the hub invokes, and the group naming. Every payload carries <c>projectId</c>.</summary>
internal static class RealtimeMethods
{
    public const string MessageAdded = "message_added";
    public const string BuildLog = "build_log";
    public const string UrlChanged = "url_changed";
    public const string ChatError = "chat_error";
    public const string ToolApproval = "tool_approval";
    public const string FileChanged = "file_changed";
    public const string SandboxStatus = "sandbox_status";
    public const string AgentEvent = "agent_event";
    public const string Checkpoint = "checkpoint";
    public const string PreviewError = "preview_error";

    /// <summary>The SignalR group of a project.</summary>
    public static string Group(string projectId) => "project:" + projectId;
}
