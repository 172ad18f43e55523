using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A fake OpenAI-compatible server answering <c>POST /v1/chat/completions</c>: streamed answers are
/// <c>data: {chat.completion.chunk}</c> server-sent events ending with <c>data: [DONE]</c>, tool calls arrive as
/// <c>tool_calls</c> deltas (index, id, function name, argument fragments), and a final usage chunk with empty
/// <c>choices</c> follows when the request asked for <c>stream_options.include_usage</c>.
/// </summary>
public sealed class FakeOpenAIServer : FakeModelServer
{
    private int _completionNumber;

    private FakeOpenAIServer() { }

    /// <summary>The base URL to give a client (ends with <c>/v1/</c>).</summary>
    public Uri BaseUrl => new(RootUrl, "v1/");

    /// <inheritdoc />
    protected override string ApiPath => "/v1/chat/completions";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var server = new FakeOpenAIServer();
        await server.StartCoreAsync().ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    protected override async Task WriteStreamAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request)
    {
        var id = $"chatcmpl-fake{Interlocked.Increment(ref _completionNumber)}";
        var model = request?["model"]?.GetValue<string>() ?? "fake-model";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Chunk(JsonObject delta, string? finishReason = null) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };

        await BeginStreamAsync(response).ConfigureAwait(false);
        await WriteEventAsync(response, null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }))
            .ConfigureAwait(false);
        foreach (var text in turn.TextChunks)
        {
            await WriteEventAsync(response, null, Chunk(new JsonObject { ["content"] = text })).ConfigureAwait(false);
        }

        foreach (var delta in ToolCallDeltas(turn))
        {
            await WriteEventAsync(response, null, Chunk(new JsonObject { ["tool_calls"] = new JsonArray(delta) }))
                .ConfigureAwait(false);
        }

        await WriteEventAsync(response, null, Chunk([], FinishReason(turn))).ConfigureAwait(false);
        if (request?["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await WriteEventAsync(response, null, new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = "fp_fake",
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(turn),
            }).ConfigureAwait(false);
        }
        await response.WriteAsync("data: [DONE]\n\n").ConfigureAwait(false);
        await response.Body.FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task WriteCompletionAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = turn.TextChunks.Count == 0 ? null : string.Concat(turn.TextChunks),
            ["refusal"] = null,
        };
        if (turn.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. turn.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
            })]);
        }

        var body = new JsonObject
        {
            ["id"] = $"chatcmpl-fake{Interlocked.Increment(ref _completionNumber)}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request?["model"]?.GetValue<string>() ?? "fake-model",
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(turn),
            }),
            ["usage"] = Usage(turn),
        };
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override JsonObject ErrorBody(FakeHttpFailure failure) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = failure.Message,
            ["type"] = failure.StatusCode == 429 ? "rate_limit_exceeded" : "invalid_request_error",
            ["param"] = null,
            ["code"] = null,
        },
    };

    private static string FinishReason(FakeModelTurn turn) =>
        turn.FinishReason ?? (turn.ToolCalls.Count > 0 ? "tool_calls" : "stop");

    private static JsonObject Usage(FakeModelTurn turn) => new()
    {
        ["prompt_tokens"] = turn.InputTokens,
        ["completion_tokens"] = turn.OutputTokens,
        ["total_tokens"] = turn.InputTokens + turn.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = turn.CachedInputTokens },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
    };

    private static IEnumerable<JsonObject> ToolCallDeltas(FakeModelTurn turn)
    {
        // Every call opens with its id, type and name and an empty arguments string, as the real API does.
        var perCall = turn.ToolCalls.Select((call, index) =>
        {
            var deltas = new List<JsonObject>
            {
                new()
                {
                    ["index"] = index,
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                },
            };
            deltas.AddRange(call.ArgumentFragments.Select(fragment => new JsonObject
            {
                ["index"] = index,
                ["function"] = new JsonObject { ["arguments"] = fragment },
            }));
            return deltas;
        }).ToList();

        if (!turn.InterleaveToolCalls)
        {
            return perCall.SelectMany(d => d);
        }

        var interleaved = new List<JsonObject>();
        for (var step = 0; perCall.Any(d => step < d.Count); step++)
        {
            interleaved.AddRange(perCall.Where(d => step < d.Count).Select(d => d[step]));
        }
        return interleaved;
    }
}
