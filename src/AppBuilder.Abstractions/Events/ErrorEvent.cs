using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>The turn hit an error it could not hand to the model (for example, the model itself failed).</summary>
/// <param name="Message">A message safe to show to the person.</param>
/// <param name="Code">A stable code such as <c>model_error</c>, <c>sandbox_error</c> or <c>no_recording</c>.</param>
public sealed record ErrorEvent(string Message, string Code) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "error";
}
