using System.Text.Json.Nodes;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A fake of the Brave Search API's Web Search v1 route, <c>GET /res/v1/web/search</c>: results answer
/// <c>{"type":"search","query":{…},"web":{"type":"search","results":[{"title","url","description",…}]}}</c> and
/// failures Brave's <c>{"type":"ErrorResponse","error":{"id","status","code","detail"},"time"}</c>.
/// </summary>
public sealed class FakeBraveSearchServer : FakeJsonApiServer
{
    private FakeBraveSearchServer() { }

    /// <inheritdoc />
    protected override string Method => "GET";

    /// <inheritdoc />
    protected override string ApiPath => "/res/v1/web/search";

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeBraveSearchServer> StartAsync()
    {
        var server = new FakeBraveSearchServer();
        await server.StartCoreAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Queues a successful answer with these web results (title, url, description).</summary>
    public void EnqueueResults(params (string Title, string Url, string Description)[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var body = new JsonObject
        {
            ["type"] = "search",
            ["query"] = new JsonObject { ["original"] = "scripted", ["more_results_available"] = false },
            ["web"] = new JsonObject
            {
                ["type"] = "search",
                ["family_friendly"] = true,
                ["results"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
                {
                    ["type"] = "search_result",
                    ["title"] = r.Title,
                    ["url"] = r.Url,
                    ["description"] = r.Description,
                    ["is_source_local"] = false,
                    ["language"] = "en",
                })]),
            },
        };
        Enqueue(new FakeApiAnswer(200, body.ToJsonString()));
    }

    /// <inheritdoc />
    protected override string ErrorBody(FakeHttpFailure failure) => new JsonObject
    {
        ["type"] = "ErrorResponse",
        ["error"] = new JsonObject
        {
            ["id"] = "00000000-0000-0000-0000-000000000000",
            ["status"] = failure.StatusCode,
            ["code"] = failure.StatusCode switch
            {
                401 => "SUBSCRIPTION_TOKEN_INVALID",
                429 => "RATE_LIMITED",
                _ => "UNEXPECTED",
            },
            ["detail"] = failure.Message,
        },
        ["time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    }.ToJsonString();
}
