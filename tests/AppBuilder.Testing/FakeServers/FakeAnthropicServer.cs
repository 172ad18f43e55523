using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A fake Anthropic server answering <c>POST /v1/messages</c>: streamed answers are the Messages API's named
/// server-sent events — <c>message_start</c>, per content block <c>content_block_start</c> (text or tool_use),
/// <c>content_block_delta</c> (<c>text_delta</c> or <c>input_json_delta</c>) and <c>content_block_stop</c>, then
/// <c>message_delta</c> with the stop reason and usage, and <c>message_stop</c> — with a <c>ping</c> after the first
/// block starts, as the real API sends.
/// </summary>
public sealed class FakeAnthropicServer : FakeModelServer
{
    private int _messageNumber;

    private FakeAnthropicServer() { }

    /// <summary>The base URL to give a client (the server root; the SDK appends <c>v1/messages</c>).</summary>
    public Uri BaseUrl => RootUrl;

    /// <inheritdoc />
    protected override string ApiPath => "/v1/messages";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeAnthropicServer> StartAsync()
    {
        var server = new FakeAnthropicServer();
        await server.StartCoreAsync().ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    protected override async Task WriteStreamAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request)
    {
        await BeginStreamAsync(response).ConfigureAwait(false);
        await WriteEventAsync(response, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = $"msg_fake{Interlocked.Increment(ref _messageNumber)}",
                ["type"] = "message",
                ["role"] = "assistant",
                ["content"] = new JsonArray(),
                ["model"] = request?["model"]?.GetValue<string>() ?? "fake-model",
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject
                {
                    ["input_tokens"] = turn.InputTokens,
                    ["cache_creation_input_tokens"] = 0,
                    ["cache_read_input_tokens"] = 0,
                    ["output_tokens"] = 1,
                },
            },
        }).ConfigureAwait(false);

        var index = 0;
        if (turn.TextChunks.Count > 0)
        {
            await StartBlockAsync(response, index, new JsonObject { ["type"] = "text", ["text"] = "" }).ConfigureAwait(false);
            await WriteEventAsync(response, "ping", new JsonObject { ["type"] = "ping" }).ConfigureAwait(false);
            foreach (var text in turn.TextChunks)
            {
                await DeltaAsync(response, index, new JsonObject { ["type"] = "text_delta", ["text"] = text }).ConfigureAwait(false);
            }
            await StopBlockAsync(response, index++).ConfigureAwait(false);
        }

        foreach (var call in turn.ToolCalls)
        {
            await StartBlockAsync(response, index, new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = call.Id,
                ["name"] = call.Name,
                ["input"] = new JsonObject(),
            }).ConfigureAwait(false);
            await DeltaAsync(response, index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = "" })
                .ConfigureAwait(false);
            foreach (var fragment in call.ArgumentFragments)
            {
                await DeltaAsync(response, index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = fragment })
                    .ConfigureAwait(false);
            }
            await StopBlockAsync(response, index++).ConfigureAwait(false);
        }

        await WriteEventAsync(response, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(turn), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = turn.OutputTokens },
        }).ConfigureAwait(false);
        await WriteEventAsync(response, "message_stop", new JsonObject { ["type"] = "message_stop" }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task WriteCompletionAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request)
    {
        var content = new JsonArray();
        if (turn.TextChunks.Count > 0)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = string.Concat(turn.TextChunks) });
        }
        foreach (var call in turn.ToolCalls)
        {
            content.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = call.Id,
                ["name"] = call.Name,
                ["input"] = JsonNode.Parse(call.ArgumentsJson),
            });
        }

        var body = new JsonObject
        {
            ["id"] = $"msg_fake{Interlocked.Increment(ref _messageNumber)}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = request?["model"]?.GetValue<string>() ?? "fake-model",
            ["content"] = content,
            ["stop_reason"] = StopReason(turn),
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = turn.InputTokens, ["output_tokens"] = turn.OutputTokens },
        };
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override JsonObject ErrorBody(FakeHttpFailure failure) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = failure.StatusCode switch
            {
                429 => "rate_limit_error",
                529 => "overloaded_error",
                >= 500 => "api_error",
                _ => "invalid_request_error",
            },
            ["message"] = failure.Message,
        },
    };

    private static string StopReason(FakeModelTurn turn) =>
        turn.FinishReason ?? (turn.ToolCalls.Count > 0 ? "tool_use" : "end_turn");

    private static Task StartBlockAsync(HttpResponse response, int index, JsonObject block) =>
        WriteEventAsync(response, "content_block_start", new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = index,
            ["content_block"] = block,
        });

    private static Task DeltaAsync(HttpResponse response, int index, JsonObject delta) =>
        WriteEventAsync(response, "content_block_delta", new JsonObject
        {
            ["type"] = "content_block_delta",
            ["index"] = index,
            ["delta"] = delta,
        });

    private static Task StopBlockAsync(HttpResponse response, int index) =>
        WriteEventAsync(response, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
}
