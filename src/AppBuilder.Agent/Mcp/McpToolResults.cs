using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace AppBuilder.Agent.Mcp;

/// <summary>Builds the tools' answers: JSON text on success, an <c>isError</c> result with a plain message on failure.</summary>
internal static class McpToolResults
{
    public const string ProjectNotFound = "Project not found. List your projects with list_projects.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // JSON text for MCP clients, never HTML: apostrophes and non-ASCII letters stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises <paramref name="value"/> as the tools' JSON text.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static CallToolResult Ok<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, Json);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element.ValueKind == JsonValueKind.Object ? element : null,
        };
    }

    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
