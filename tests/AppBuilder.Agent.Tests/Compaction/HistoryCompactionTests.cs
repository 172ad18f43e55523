using AppBuilder.Agent.Compaction;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Compaction;

public sealed class HistoryCompactionTests
{
    private static async Task SeedTurnsAsync(AgentHarness agent, int turns, int chars)
    {
        for (var i = 1; i <= turns; i++)
        {
            await agent.Store.AppendMessagesAsync(AgentHarness.ProjectId, AgentHarness.SessionId,
            [
                new ChatMessage(ChatRole.User, $"request {i}: " + new string('u', chars)),
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"c{i}", "write",
                    new Dictionary<string, object?> { ["file_path"] = $"src/F{i}.tsx", ["content"] = new string('w', chars) })]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent($"c{i}", $"Created src/F{i}.tsx")]),
                new ChatMessage(ChatRole.Assistant, $"answer {i}"),
            ]);
        }
    }

    [Fact]
    public async Task Run_HistoryOverBudget_SummarisesOldTurnsWithTheModelAndPersists()
    {
        await using var agent = await AgentHarness.CreateAsync(o => o.ContextTokenBudget = 2_000);
        await SeedTurnsAsync(agent, turns: 4, chars: 2_000);
        agent.Chat.Enqueue(ScriptedResponse.FromText("SUMMARY: four components were written.").Usage(900, 40), ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("next request");

        result.Reason.Should().Be(TurnEndReason.Completed);
        var summaryCall = agent.Chat.Calls[0];
        summaryCall.Streaming.Should().BeFalse();
        summaryCall.ToolNames.Should().BeEmpty();
        summaryCall.Messages[^1].Text.Should().Contain("PERSON: request 1").And.Contain("AGENT CALLED write");
        agent.Store.ReplaceCount.Should().Be(1);
        var history = await agent.HistoryAsync();
        history[0].Text.Should().Be(HistoryCompactor.SummaryHeader + "\nSUMMARY: four components were written.");
        history.Select(m => m.Text).Should().NotContain(t => t.StartsWith("request 1", StringComparison.Ordinal));
        history.Select(m => m.Text).Should().EndWith(["next request", "ok"]);
        agent.Chat.Calls[1].Messages[1].Text.Should().StartWith(HistoryCompactor.SummaryHeader);
        result.Events.OfType<UsageEvent>().Should().ContainSingle().Which.InputTokens.Should().Be(900);
    }

    [Fact]
    public async Task Run_SummaryCallFails_FallsBackToAnExtractiveSummary()
    {
        await using var agent = await AgentHarness.CreateAsync(o => o.ContextTokenBudget = 2_000);
        await SeedTurnsAsync(agent, turns: 4, chars: 2_000);
        agent.Chat.Enqueue(ScriptedResponse.Failing(new HttpRequestException("summariser down")), ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("next request");

        result.Reason.Should().Be(TurnEndReason.Completed);
        var summary = (await agent.HistoryAsync())[0].Text;
        summary.Should().StartWith(HistoryCompactor.SummaryHeader).And.Contain("The person asked, in order:\n- request 1:")
            .And.Contain("Files the agent created or changed: src/F1.tsx");
        agent.Logging.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3010);
    }

    [Fact]
    public async Task Run_HistoryUnderBudget_IsNotCompacted()
    {
        await using var agent = await AgentHarness.CreateAsync();
        await SeedTurnsAsync(agent, turns: 2, chars: 100);
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        await agent.RunAsync("next");

        agent.Store.ReplaceCount.Should().Be(0);
        agent.Chat.Calls.Should().ContainSingle();
        (await agent.HistoryAsync()).Should().HaveCount(10);
    }

    [Fact]
    public async Task Run_LongTurn_CutsOlderToolResultsButKeepsTheLatest()
    {
        await using var agent = await AgentHarness.CreateAsync(o =>
        {
            o.ContextTokenBudget = 1_000;
            o.CompactedToolResultChars = 200;
        });
        agent.Sandbox.FileSystem.Seed("big.ts", string.Concat(Enumerable.Repeat("const value = 'some long line of code';\n", 200)));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "view", new { file_path = "big.ts" }),
            ScriptedResponse.Create().ToolCall("c2", "view", new { file_path = "big.ts" }),
            ScriptedResponse.FromText("done"));

        await agent.RunAsync("read it twice");

        var third = agent.Chat.Calls[2].Messages;
        var results = third.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => r.Result!.ToString()!);
        results["c1"].Length.Should().BeLessThan(400);
        results["c1"].Should().Contain("more characters dropped when the history was compacted");
        results["c2"].Length.Should().BeGreaterThan(8_000);
        (await agent.HistoryAsync()).SelectMany(m => m.Contents).OfType<FunctionResultContent>().First().Result!.ToString()
            .Should().Be(results["c1"]);
    }

    [Fact]
    public void EstimateTokens_CountsTextArgumentsAndResultsAtFourCharactersPerToken()
    {
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, new string('a', 400)),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c", new string('b', 800))]),
        };

        TokenEstimator.Estimate(messages).Should().Be((400 + 16 + 802 + 16 + 3) / 4);
    }

    [Fact]
    public void ExtractiveSummary_ListsRequestsFilesAndDependencies()
    {
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "Make a timer app"),
            new ChatMessage(ChatRole.Assistant, [
                new FunctionCallContent("1", "write", new Dictionary<string, object?> { ["file_path"] = "src/Timer.tsx", ["content"] = "x" }),
                new FunctionCallContent("2", "add_dependency", new Dictionary<string, object?> { ["package"] = "date-fns" }),
                new FunctionCallContent("3", "view", new Dictionary<string, object?> { ["file_path"] = "src/App.tsx" }),
            ]),
            new ChatMessage(ChatRole.Assistant, "The timer is ready."),
        };

        var summary = ExtractiveSummary.Create(messages);

        summary.Should().Contain("- Make a timer app").And.Contain("changed: src/Timer.tsx\n").And.Contain("added: date-fns")
            .And.Contain("last answer: The timer is ready.");
    }
}
