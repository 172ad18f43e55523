using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>The JSON settings every transport uses for <see cref="AgentEvent"/>s: camelCase, enums as strings.</summary>
public static class AgentEventJson
{
    /// <summary>Shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serialises an event (with its <c>type</c> discriminator) to JSON.</summary>
    public static string Serialize(AgentEvent agentEvent) => JsonSerializer.Serialize(agentEvent, Options);

    /// <summary>Reads an event back from JSON.</summary>
    public static AgentEvent? Deserialize(string json) => JsonSerializer.Deserialize<AgentEvent>(json, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
