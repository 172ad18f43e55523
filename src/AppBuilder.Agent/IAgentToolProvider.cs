using Microsoft.Extensions.AI;

namespace AppBuilder.Agent;

/// <summary>
/// Supplies tools for agent turns. Every provider registered in DI is asked at the start of each turn; a tool
/// whose name another provider registered earlier also uses replaces that one (so hosts can override built-ins),
/// and <see cref="AgentOptions.DisabledTools"/> removes tools by name.
/// </summary>
/// <remarks>Implementations are singletons and thread-safe. Tools are <see cref="AIFunction"/>s, so MCP client
/// tools plug in directly. Wrap a tool in <see cref="ApprovalRequiredAIFunction"/> to make it wait for approval in
/// supervised mode.</remarks>
public interface IAgentToolProvider
{
    /// <summary>Returns the tools to offer the model in a turn.</summary>
    ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(AgentToolContext context, CancellationToken cancellationToken = default);
}
