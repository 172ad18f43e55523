namespace AppBuilder.Agent.Tools;

/// <summary>A download was refused because its host resolves only to non-public addresses.</summary>
internal sealed class BlockedAddressException(string host) : AppBuilderException(
    $"'{host}' resolves to a loopback, private or otherwise non-public address, which downloads may not reach.", "tool_error");
