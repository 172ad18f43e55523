using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

/// <summary>
/// Turns one model call's streamed updates (already combined by <c>ToChatResponse()</c>) into the assistant message
/// to keep in history and the tool calls to run. Several <see cref="FunctionCallContent"/>s with the same call id
/// are one call whose arguments arrived in pieces: the first non-empty name wins, new argument keys are added, and
/// a string value for a key already present is appended to it (so a long argument may be split across chunks).
/// Informational-only calls (run by the service itself) are dropped.
/// </summary>
internal static class StepAggregator
{
    public static (ChatMessage Assistant, IReadOnlyList<FunctionCallContent> Calls) Build(ChatResponse response)
    {
        var slots = new List<object>();
        var builders = new Dictionary<string, CallBuilder>(StringComparer.Ordinal);
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent { InformationalOnly: true }:
                        break;
                    case FunctionCallContent call:
                        var callId = string.IsNullOrEmpty(call.CallId) ? $"call_{builders.Count + 1}" : call.CallId;
                        if (!builders.TryGetValue(callId, out var builder))
                        {
                            builder = new CallBuilder(callId);
                            builders.Add(callId, builder);
                            slots.Add(builder);
                        }

                        builder.Merge(call);
                        break;
                    case TextContent { Text.Length: 0 }:
                    case UsageContent:
                        break;
                    default:
                        slots.Add(content);
                        break;
                }
            }
        }

        var calls = new List<FunctionCallContent>();
        var contents = new List<AIContent>();
        foreach (var slot in slots)
        {
            if (slot is CallBuilder builder)
            {
                var call = builder.Build();
                calls.Add(call);
                contents.Add(call);
            }
            else
            {
                contents.Add((AIContent)slot);
            }
        }

        var assistant = new ChatMessage(ChatRole.Assistant, contents);
        return (assistant, calls);
    }

    private sealed class CallBuilder(string callId)
    {
        private readonly Dictionary<string, object?> _arguments = new(StringComparer.Ordinal);
        private string _name = "";
        private Exception? _exception;

        public void Merge(FunctionCallContent call)
        {
            if (_name.Length == 0 && !string.IsNullOrEmpty(call.Name))
            {
                _name = call.Name;
            }

            _exception ??= call.Exception;
            if (call.Arguments is null)
            {
                return;
            }

            foreach (var (key, value) in call.Arguments)
            {
                if (_arguments.TryGetValue(key, out var existing) && AsString(existing) is { } a && AsString(value) is { } b)
                {
                    _arguments[key] = a + b;
                }
                else
                {
                    _arguments[key] = value;
                }
            }
        }

        public FunctionCallContent Build() => new(callId, _name, _arguments) { Exception = _exception };

        private static string? AsString(object? value) => value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
    }
}
