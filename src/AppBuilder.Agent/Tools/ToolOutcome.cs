namespace AppBuilder.Agent.Tools;

/// <summary>The text a tool call returns to the model and whether it reports an error.</summary>
internal readonly record struct ToolOutcome(string Text, bool IsError);
