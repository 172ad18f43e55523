using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Replay;

/// <summary>Collects one model call's answer (text, tool calls, usage, finish reason) as a <see cref="ReplayStep"/>.</summary>
/// <remarks>Not thread-safe: one instance per call.</remarks>
internal sealed class ReplayStepCapture
{
    private readonly StringBuilder _text = new();
    private readonly List<FunctionCallContent> _calls = [];
    private UsageDetails? _usage;

    public ChatFinishReason? FinishReason { get; set; }

    public void Add(AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                _text.Append(text.Text);
                break;
            case FunctionCallContent call:
                _calls.Add(call);
                break;
            case UsageContent usage:
                _usage ??= new UsageDetails();
                _usage.Add(usage.Details);
                break;
        }
    }

    public ReplayStep ToStep(int? messageCount, ChatOptions? options) => new()
    {
        Text = _text.Length == 0 ? null : _text.ToString(),
        ToolCalls = [.. _calls.Select(c => new ReplayToolCall
        {
            Id = c.CallId,
            Name = c.Name,
            Arguments = JsonSerializer.SerializeToElement(c.Arguments ?? new Dictionary<string, object?>(),
                AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
        })],
        Usage = _usage is null ? null : new ReplayUsage
        {
            InputTokens = _usage.InputTokenCount,
            OutputTokens = _usage.OutputTokenCount,
            TotalTokens = _usage.TotalTokenCount,
            CachedInputTokens = _usage.CachedInputTokenCount,
        },
        FinishReason = FinishReason?.Value,
        Request = messageCount is { } count ? new ReplayRequestSummary
        {
            Messages = count,
            Tools = [.. options?.Tools?.Select(t => t.Name) ?? []],
            ModelId = options?.ModelId,
        } : null,
    };
}
