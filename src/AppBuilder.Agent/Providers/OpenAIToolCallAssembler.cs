using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Collects streamed tool-call deltas — id and name first, then argument fragments, keyed by the call's index —
/// and turns them into whole <see cref="FunctionCallContent"/>s once the model has finished.
/// </summary>
/// <remarks>Not thread-safe: one instance per streamed response.</remarks>
internal sealed class OpenAIToolCallAssembler
{
    private readonly SortedDictionary<int, PendingCall> _calls = [];

    public bool HasPending => _calls.Count > 0;

    public void Add(int index, string? callId, string? functionName, BinaryData? argumentsFragment)
    {
        if (!_calls.TryGetValue(index, out var call))
        {
            call = new PendingCall();
            _calls[index] = call;
        }

        if (!string.IsNullOrEmpty(callId))
        {
            call.CallId ??= callId;
        }
        if (!string.IsNullOrEmpty(functionName))
        {
            call.Name ??= functionName;
        }
        if (argumentsFragment is not null)
        {
            call.Arguments.Append(Encoding.UTF8.GetString(argumentsFragment.ToMemory().Span));
        }
    }

    /// <summary>Returns every call assembled so far, in index order, and forgets them.</summary>
    public List<FunctionCallContent> Complete()
    {
        var result = _calls.Select(pair => ToContent(pair.Key, pair.Value)).ToList();
        _calls.Clear();
        return result;
    }

    internal static FunctionCallContent ToContent(string callId, string name, string argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson, callId, name, ParseArguments);

    private static FunctionCallContent ToContent(int index, PendingCall call) =>
        ToContent(call.CallId ?? $"call_{index}", call.Name ?? "", call.Arguments.ToString());

    /// <summary>
    /// Parses an arguments object. Malformed JSON throws here and is caught by
    /// <see cref="FunctionCallContent.CreateFromParsedArguments{TEncoding}"/>, which keeps it on
    /// <see cref="FunctionCallContent.Exception"/> so the agent can answer the model with a tool error.
    /// </summary>
    internal static IDictionary<string, object?>? ParseArguments(string json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, object?>()
            : (IDictionary<string, object?>?)JsonSerializer.Deserialize(json,
                AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));

    private sealed class PendingCall
    {
        public string? CallId { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
