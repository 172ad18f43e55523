using AppBuilder.Agent.Tests.Support;
using AppBuilder.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Loop;

public sealed class SandboxLeaseTests
{
    [Fact]
    public async Task Run_LongTurn_RenewsTheSandboxLeaseBeforeEachStep()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-21T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var agent = await AgentHarness.CreateAsync(o => o.TurnLeaseExtension = TimeSpan.FromMinutes(15), timeProvider: time);
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "write", new { file_path = "a.txt", content = "a" }),
            ScriptedResponse.FromText("done"));
        var leaseBefore = agent.Sandbox.LeaseExpiresAt;
        time.Advance(TimeSpan.FromMinutes(30));

        await agent.RunAsync("write a file");

        agent.Sandbox.LeaseExpiresAt.Should().BeOnOrAfter(time.GetUtcNow() + TimeSpan.FromMinutes(15))
            .And.BeAfter(leaseBefore, "a turn keeps its sandbox alive even when no editor sends heartbeats");
    }
}
