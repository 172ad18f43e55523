namespace AppBuilder.Agent.Tools;

/// <summary>One entry of a session's todo list.</summary>
internal sealed record TodoItem(string Id, string Content, string Status);
