using AppBuilder.Agent.Replay;
using AppBuilder.Agent.Tests.Replay;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Usage;

/// <summary>The replay model reports the usage its recordings carry, priced through the same table as any model.</summary>
public sealed class ReplayUsageTests
{
    private static ReplayRecording Recording(ReplayUsage? usage) => new()
    {
        Id = "solo",
        Metadata = new ReplayMetadata { Title = "Solo", Source = ReplayMetadata.HandWritten },
        Prompts = ["say hello"],
        Turns = [new ReplayTurn { User = "say hello", Steps = [new ReplayStep { Text = "Hello.", Usage = usage }] }],
    };

    private static async Task<(InMemoryUsageStore Usage, AgentTurnResult Result)> RunAsync(ReplayUsage? usage, Action<AgentOptions>? configure = null)
    {
        var store = new InMemoryUsageStore();
        var replay = new ReplayChatClient(new ReplayLibrary([Recording(usage)]), ReplayTestSupport.FastOptions);
        await using var agent = await AgentHarness.CreateAsync(configure, b =>
        {
            b.Services.AddSingleton<IUsageStore>(store);
            b.Services.AddSingleton<IChatClient>(replay);
        });
        return (store, await agent.RunAsync("say hello"));
    }

    [Fact]
    public async Task Replay_RecordingWithUsage_RecordsItsTokensIncludingCached()
    {
        var (usage, result) = await RunAsync(new ReplayUsage { InputTokens = 1_000, OutputTokens = 50, CachedInputTokens = 600 });

        var record = usage.Records.Should().ContainSingle().Subject;
        (record.Provider, record.ModelId).Should().Be(("replay", "replay/solo"));
        (record.InputTokens, record.OutputTokens, record.CachedInputTokens).Should().Be((1_000L, 50L, 600L));
        record.Cost.Should().BeNull("the replay model has no price unless the table names it");
        result.Events.OfType<AppBuilder.Events.UsageEvent>().Single().Provider.Should().Be("replay");
    }

    [Fact]
    public async Task Replay_PricedReplayModel_IsPricedThroughTheSameTable()
    {
        var (usage, _) = await RunAsync(new ReplayUsage { InputTokens = 1_000_000, OutputTokens = 0, CachedInputTokens = 500_000 },
            o => o.ModelPrices["replay/solo"] = new ModelPrice { InputPerMillionTokens = 2m, CachedInputPerMillionTokens = 0.5m });

        usage.Records.Single().Cost.Should().Be(1m + 0.25m);
    }

    [Fact]
    public async Task Replay_RecordingWithoutUsage_RecordsTheCallWithoutTokensOrCost()
    {
        var (usage, _) = await RunAsync(null, o => o.ModelPrices["replay/solo"] = new ModelPrice { InputPerMillionTokens = 2m });

        var record = usage.Records.Should().ContainSingle().Subject;
        (record.InputTokens, record.Cost, record.Outcome).Should().Be((null, null, UsageOutcome.Ok));
    }
}
