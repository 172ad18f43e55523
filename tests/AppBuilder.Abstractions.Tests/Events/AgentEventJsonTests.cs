using System.Text.Json;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Abstractions.Tests.Events;

public sealed class AgentEventJsonTests
{
    public static TheoryData<AgentEvent> AllEvents() => new()
    {
        new TextDeltaEvent("Hello"),
        new ToolCallStartedEvent("call_1", "write", "{\"file_path\":\"src/App.tsx\"}"),
        new ToolCallCompletedEvent("call_1", "write", false, "Created src/App.tsx", TimeSpan.FromMilliseconds(12)),
        new FileChangedEvent("src/B.tsx", FileChangeKind.Renamed, "src/A.tsx"),
        new TerminalOutputEvent("added 1 package", "npm install"),
        new ApprovalRequestedEvent("ap_1", "call_2", "run_command", "{}"),
        new ApprovalResolvedEvent("ap_1", true),
        new UsageEvent("gpt-4.1", 100, 20, 120, 0.0012m),
        new CheckpointCreatedEvent(3, 14),
        new ErrorEvent("No recording", "no_recording"),
        new DoneEvent(TurnEndReason.StepBudgetExhausted, 40),
    };

    [Theory]
    [MemberData(nameof(AllEvents))]
    public void Serialize_EveryEvent_CarriesItsWireNameAndRoundTrips(AgentEvent agentEvent)
    {
        var json = AgentEventJson.Serialize(agentEvent);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("type").GetString().Should().Be(agentEvent.EventName);
        document.RootElement.TryGetProperty("eventName", out _).Should().BeFalse("the wire name travels once, as type");
        var back = AgentEventJson.Deserialize(json);
        back.Should().Be(agentEvent);
    }

    [Fact]
    public void Serialize_UsesCamelCaseAndStringEnums()
    {
        var json = AgentEventJson.Serialize(new DoneEvent(TurnEndReason.Completed, 2));

        json.Should().Contain("\"reason\":\"completed\"").And.Contain("\"steps\":2").And.Contain("\"timestamp\":");
    }

    [Fact]
    public void Serialize_FileChange_OmitsNullOldPath()
    {
        var json = AgentEventJson.Serialize(new FileChangedEvent("src/App.tsx", FileChangeKind.Changed));

        json.Should().NotContain("oldPath").And.Contain("\"kind\":\"changed\"");
    }

    [Fact]
    public void EventNames_AreTheDocumentedSseNames()
    {
        ((IEnumerable<object[]>)AllEvents()).Select(row => ((AgentEvent)row[0]).EventName).Should().Equal(
            "text", "tool_call", "tool_result", "file_change", "terminal", "approval_request", "approval_resolved",
            "usage", "checkpoint", "error", "done");
    }
}
