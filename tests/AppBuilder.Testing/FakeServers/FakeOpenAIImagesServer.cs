using System.Text.Json.Nodes;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A fake of the OpenAI Images API's <c>POST /v1/images/generations</c>: images answer
/// <c>{"created":…,"data":[{"b64_json":"…"}]}</c> and failures OpenAI's <c>{"error":{"message","type","param","code"}}</c>.
/// </summary>
public sealed class FakeOpenAIImagesServer : FakeJsonApiServer
{
    private FakeOpenAIImagesServer() { }

    /// <summary>The base URL to give a client (ends with <c>/v1/</c>).</summary>
    public Uri BaseUrl => new(RootUrl, "v1/");

    /// <inheritdoc />
    protected override string Method => "POST";

    /// <inheritdoc />
    protected override string ApiPath => "/v1/images/generations";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOpenAIImagesServer> StartAsync()
    {
        var server = new FakeOpenAIImagesServer();
        await server.StartCoreAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Queues an answer carrying <paramref name="image"/> as <c>b64_json</c>.</summary>
    public void EnqueueImage(byte[] image, TimeSpan delay = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var body = new JsonObject
        {
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(image), ["revised_prompt"] = null }),
            ["usage"] = new JsonObject
            {
                ["total_tokens"] = 100,
                ["input_tokens"] = 50,
                ["output_tokens"] = 50,
                ["input_tokens_details"] = new JsonObject { ["text_tokens"] = 50, ["image_tokens"] = 0 },
            },
        };
        Enqueue(new FakeApiAnswer(200, body.ToJsonString(), Delay: delay));
    }

    /// <inheritdoc />
    protected override string ErrorBody(FakeHttpFailure failure) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = failure.Message,
            ["type"] = failure.StatusCode == 429 ? "rate_limit_exceeded" : "invalid_request_error",
            ["param"] = null,
            ["code"] = failure.StatusCode == 401 ? "invalid_api_key" : null,
        },
    }.ToJsonString();
}
