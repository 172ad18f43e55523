namespace AppBuilder.Agent.Tools;

/// <summary>A request of a web tool was refused because its host resolves only to non-public addresses.</summary>
internal sealed class BlockedAddressException(string host) : AppBuilderException(
    $"'{host}' resolves to a loopback, private or otherwise non-public address, which the agent's web tools may not reach.", "tool_error");
