using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Base of the built-in tools: a hand-written JSON schema, typed argument access and the per-turn
/// <see cref="AgentToolContext"/>. Errors are thrown (<see cref="ToolException"/> and friends) and turned into
/// <c>Error: ...</c> results by <see cref="ToolInvoker"/>.
/// </summary>
internal abstract class AgentTool : AIFunction
{
    private readonly JsonElement _schema;

    protected AgentTool(string name, string description, string jsonSchema)
    {
        Name = name;
        Description = description;
        using var document = JsonDocument.Parse(jsonSchema);
        _schema = document.RootElement.Clone();
        RequiresApproval = AgentToolNames.ApprovalRequired.Contains(name);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema => _schema;

    /// <summary>Whether the tool waits for approval in supervised mode.</summary>
    public bool RequiresApproval { get; }

    /// <inheritdoc />
    protected sealed override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var context = AgentToolContext.From(arguments);
        return await ExecuteAsync(new ToolArguments(arguments), context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the tool and returns its result text.</summary>
    protected abstract Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken);
}
