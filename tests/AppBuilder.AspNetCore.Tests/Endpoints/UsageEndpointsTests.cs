using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;
using AppBuilder.Storage;
using AppBuilder.Testing;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

/// <summary>Usage totals through the API, recorded by the real agent over a scripted model, and budgets refusing a turn.</summary>
public sealed class UsageEndpointsTests
{
    private static readonly DateTimeOffset s_day1 = new(2025, 4, 1, 10, 0, 0, TimeSpan.Zero);

    private static async Task<List<SseFrame>> ChatAsync(HttpClient client, string id, string session, string message)
    {
        using var response = await client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
    }

    private static UsageRecord Record(string projectId, string user, DateTimeOffset at, decimal? cost, string turn = "turn-x") => new()
    {
        Id = StorageId.New(),
        Timestamp = at,
        ProjectId = projectId,
        SessionId = "s1",
        TurnId = turn,
        UserId = user,
        Step = "agent",
        Provider = "openai",
        ModelId = "gpt-test",
        InputTokens = 100,
        OutputTokens = 10,
        Cost = cost,
    };

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ProjectUsage_AfterATurn_HasTheTurnKeyedLikeItsUserMessage()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:Agent:ModelPrices:scripted-model:InputPerMillionTokens"] = "2";
        host.Settings["AppBuilder:Agent:ModelPrices:scripted-model:OutputPerMillionTokens"] = "10";
        host.Model.Enqueue(ScriptedResponse.FromText("Hello").Usage(1_000, 100, 200));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var frames = await ChatAsync(client, id, session, "hi");
        var usageEvent = (UsageEvent)AgentEventJson.Deserialize(frames.Single(f => f.Event == "usage").Data)!;
        var usage = await GetJsonAsync(client, $"/api/projects/{id}/usage");
        var messages = await GetJsonAsync(client, $"/api/projects/{id}/sessions/{session}/messages");

        var expectedCost = (1_000 * 2m + 100 * 10m) / 1_000_000m;
        usageEvent.Cost.Should().Be(expectedCost);
        usageEvent.CachedInputTokens.Should().Be(200);
        usage.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(expectedCost);
        usage.GetProperty("totals").GetProperty("inputTokens").GetInt64().Should().Be(1_000);
        usage.GetProperty("totals").GetProperty("cachedInputTokens").GetInt64().Should().Be(200);
        var turn = usage.GetProperty("turns").EnumerateArray().Should().ContainSingle().Subject;
        turn.GetProperty("turnId").GetString().Should().Be(usageEvent.TurnId);
        turn.GetProperty("sessionId").GetString().Should().Be(session);
        turn.GetProperty("providers").EnumerateArray().Select(p => p.GetString()).Should().Equal("scripted");
        messages.EnumerateArray().First().GetProperty("turnId").GetString().Should().Be(usageEvent.TurnId);
        host.Usage.Records.Should().ContainSingle().Which.UserId.Should().Be("alice");
    }

    [Fact]
    public async Task ProjectUsage_GroupsByTurnAndUtcDay_NewestFirst()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await host.Usage.AppendAsync(Record(id, "alice", s_day1, 0.5m, "t1"));
        await host.Usage.AppendAsync(Record(id, "alice", s_day1.AddMinutes(1), null, "t1"));
        await host.Usage.AppendAsync(Record(id, "alice", s_day1.AddDays(1), 0.25m, "t2"));
        await host.Usage.AppendAsync(Record("other-project", "alice", s_day1, 9m));
        using var client = host.ClientFor("alice");

        var usage = await GetJsonAsync(client, $"/api/projects/{id}/usage");

        usage.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(0.75m);
        usage.GetProperty("totals").GetProperty("unpricedCalls").GetInt64().Should().Be(1);
        usage.GetProperty("turns").EnumerateArray().Select(t => (t.GetProperty("turnId").GetString(), t.GetProperty("totals").GetProperty("calls").GetInt64()))
            .Should().Equal(("t2", 1L), ("t1", 2L));
        usage.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()).Should().Equal("2025-04-02", "2025-04-01");
    }

    [Fact]
    public async Task UserUsage_TotalsPerDayAndProject_OnlyTheSignedInUsers()
    {
        await using var host = new AppBuilderTestHost();
        var (a, _) = await host.CreateProjectAsync("alice");
        var (b, _) = await host.CreateProjectAsync("alice");
        var (bobs, _) = await host.CreateProjectAsync("bob");
        await host.Usage.AppendAsync(Record(a, "alice", s_day1, 1m));
        await host.Usage.AppendAsync(Record(b, "alice", s_day1.AddHours(1), 2m));
        await host.Usage.AppendAsync(Record(b, "alice", s_day1.AddDays(2), 4m));
        await host.Usage.AppendAsync(Record(bobs, "bob", s_day1, 100m));
        using var client = host.ClientFor("alice");

        var usage = await GetJsonAsync(client, "/api/usage");

        usage.GetProperty("totals").GetProperty("cost").GetDecimal().Should().Be(7m);
        usage.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("totals").GetProperty("cost").GetDecimal()))
            .Should().Equal(("2025-04-03", 4m), ("2025-04-01", 3m));
        usage.GetProperty("projects").EnumerateArray().Select(p => (p.GetProperty("projectId").GetString(), p.GetProperty("title").GetString(),
            p.GetProperty("totals").GetProperty("cost").GetDecimal())).Should().Equal((b, "Test app", 6m), (a, "Test app", 1m));
    }

    [Fact]
    public async Task ProjectUsage_AnotherUsersProject_Is404()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await host.Usage.AppendAsync(Record(id, "alice", s_day1, 1m));
        using var bob = host.ClientFor("bob");

        using var response = await bob.GetAsync($"/api/projects/{id}/usage");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("gpt-test");
    }

    [Fact]
    public async Task Chat_ProjectBudgetSpent_Is402WithCodeAndNoModelCall()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:Agent:ProjectBudget"] = "1";
        var (id, session) = await host.CreateProjectAsync("alice");
        await host.Usage.AppendAsync(Record(id, "alice", s_day1, 1m));
        using var client = host.ClientFor("alice");

        using var response = await client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message = "more" });

        response.StatusCode.Should().Be(HttpStatusCode.PaymentRequired);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().Should().Be("budget_exceeded");
        problem.GetProperty("detail").GetString().Should().Contain("budget of $1.00");
        host.Model.Calls.Should().BeEmpty();
        host.Workspaces.OpenCalled.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Chat_UserBudgetSpentElsewhere_Is402_OtherUserStillChats()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:Agent:UserBudget"] = "5";
        var (alices, aliceSession) = await host.CreateProjectAsync("alice");
        var (bobs, bobSession) = await host.CreateProjectAsync("bob");
        await host.Usage.AppendAsync(Record("deleted-project", "alice", s_day1, 5m));
        host.Model.Enqueue(ScriptedResponse.FromText("ok"));
        using var alice = host.ClientFor("alice");
        using var bob = host.ClientFor("bob");

        using var refused = await alice.PostAsJsonAsync($"/api/projects/{alices}/sessions/{aliceSession}/chat", new { message = "more" });
        var frames = await ChatAsync(bob, bobs, bobSession, "hi");

        refused.StatusCode.Should().Be(HttpStatusCode.PaymentRequired);
        frames[^1].Event.Should().Be("done");
    }
}
