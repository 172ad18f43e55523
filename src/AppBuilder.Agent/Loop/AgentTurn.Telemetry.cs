using System.Diagnostics;
using AppBuilder.Agent.Diagnostics;
using AppBuilder.Events;
using Microsoft.Extensions.AI;
using static AppBuilder.Agent.Diagnostics.AgentTelemetry;

namespace AppBuilder.Agent.Loop;

internal sealed partial class AgentTurn
{
    private const string OtherValue = "_OTHER";

    private string? _providerName;
    private string? _requestModel;
    private Activity? _turnActivity;

    /// <summary>Starts the turn's <c>invoke_agent</c> span (gen_ai semantic conventions); null when nobody listens.</summary>
    private Activity? StartInvokeAgentActivity()
    {
        var activity = AgentTelemetry.ActivitySource.StartActivity($"{GenAI.InvokeAgent} {AgentDiagnostics.AgentName}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAI.OperationName, GenAI.InvokeAgent)
                .SetTag(GenAI.AgentName, AgentDiagnostics.AgentName)
                .SetTag(GenAI.ConversationId, _request.SessionId)
                .SetTag(AgentTelemetry.AppBuilder.ProjectId, _request.ProjectId);
        }

        _turnActivity = activity;
        return activity;
    }

    /// <summary>Notes the model's provider and id once the turn has resolved its chat client.</summary>
    private void DescribeModel()
    {
        var metadata = _chat.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        _providerName = metadata?.ProviderName;
        _requestModel = _chatOptions.ModelId ?? metadata?.DefaultModelId;
        if (_turnActivity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(GenAI.ProviderName, _providerName).SetTag(GenAI.RequestModel, _requestModel);
        }
    }

    private void EndInvokeAgentActivity(Activity? activity, TurnEndReason reason, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { GenAI.OperationName, GenAI.InvokeAgent },
            { GenAI.ProviderName, _providerName },
            { GenAI.RequestModel, _requestModel },
        };
        if (errorType is not null)
        {
            tags.Add(GenAI.ErrorType, errorType);
        }

        OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag(AgentTelemetry.AppBuilder.TurnEndReason, reason.ToString())
            .SetTag(AgentTelemetry.AppBuilder.TurnSteps, _steps)
            .SetTag(GenAI.UsageInputTokens, _inputTokens)
            .SetTag(GenAI.UsageOutputTokens, _outputTokens);
        if (errorType is not null)
        {
            activity.SetTag(GenAI.ErrorType, errorType).SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    /// <summary>Starts a tool call's <c>execute_tool {name}</c> span, a child of the turn's.</summary>
    private Activity? StartExecuteToolActivity(FunctionCallContent call)
    {
        var name = ToolNameForTelemetry(call);
        var activity = AgentTelemetry.ActivitySource.StartActivity($"{GenAI.ExecuteTool} {name}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAI.OperationName, GenAI.ExecuteTool)
                .SetTag(GenAI.ToolName, name)
                .SetTag(GenAI.ToolCallId, call.CallId)
                .SetTag(GenAI.ToolType, "function");
            if (_tools.TryGetValue(call.Name, out var tool) && !string.IsNullOrEmpty(tool.Description))
            {
                activity.SetTag(GenAI.ToolDescription, tool.Description);
            }
        }

        return activity;
    }

    private void EndExecuteToolActivity(Activity? activity, FunctionCallContent call, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { GenAI.OperationName, GenAI.ExecuteTool },
            { GenAI.ProviderName, _providerName },
            { GenAI.ToolName, ToolNameForTelemetry(call) },
        };
        if (errorType is not null)
        {
            tags.Add(GenAI.ErrorType, errorType);
        }

        OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (activity is not null && errorType is not null)
        {
            activity.SetTag(GenAI.ErrorType, errorType).SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    /// <summary>
    /// The tool's name when it is one of the turn's tools, else <c>_OTHER</c> (the conventions' value for the
    /// unknown): the model chooses the name, and a made-up one must not become a new span name or metric series.
    /// </summary>
    private string ToolNameForTelemetry(FunctionCallContent call) => _tools.ContainsKey(call.Name) ? call.Name : OtherValue;
}
