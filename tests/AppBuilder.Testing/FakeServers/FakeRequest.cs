using System.Text.Json.Nodes;

namespace AppBuilder.Testing.FakeServers;

/// <summary>A request that a fake server received, kept so tests can assert on what a client sent.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, such as <c>/v1/chat/completions</c>.</param>
/// <param name="Headers">The request headers (names lowercase, values joined with a comma).</param>
/// <param name="Body">The raw request body.</param>
/// <param name="ReceivedAt">When the request arrived, by the wall clock.</param>
public sealed record FakeRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body parsed as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
