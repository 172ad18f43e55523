namespace AppBuilder.Agent.Tools;

/// <summary>A tool refused or failed an action; the message goes to the model after <c>Error: </c>.</summary>
internal sealed class ToolException(string message) : AppBuilderException(message, "tool_error");
