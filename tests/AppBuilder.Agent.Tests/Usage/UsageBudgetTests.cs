using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Usage;

public sealed class UsageBudgetTests
{
    private static readonly DateTimeOffset s_now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryUsageStore _usage = new();
    private readonly FakeTimeProvider _time = new(s_now);

    private Task<AgentHarness> CreateAsync(Action<AgentOptions> configure) =>
        AgentHarness.CreateAsync(configure, b => b.Services.AddSingleton<IUsageStore>(_usage), _time);

    private Task SpendAsync(decimal cost, string projectId = AgentHarness.ProjectId, string? userId = "alice", TimeSpan? ago = null) =>
        _usage.AppendAsync(new UsageRecord
        {
            Id = StorageId.New(),
            Timestamp = s_now - (ago ?? TimeSpan.FromMinutes(1)),
            ProjectId = projectId,
            SessionId = "s",
            TurnId = "t",
            UserId = userId,
            Step = "agent",
            Cost = cost,
        });

    private static AgentTurnRequest Request(AgentHarness agent, string? userId = "alice") => agent.Request("go") is var r
        ? new AgentTurnRequest { ProjectId = r.ProjectId, SessionId = r.SessionId, Message = r.Message, Sandbox = r.Sandbox, UserId = userId }
        : null!;

    [Fact]
    public async Task Run_ProjectBudgetSpent_RefusesBeforeAnyModelCallAndStoresNothing()
    {
        await using var agent = await CreateAsync(o => o.ProjectBudget = 1m);
        await SpendAsync(0.6m);
        await SpendAsync(0.4m);

        var result = await agent.Runner.RunAsync(Request(agent));

        result.Reason.Should().Be(TurnEndReason.Failed);
        var error = AgentHarness.Single<ErrorEvent>(result);
        error.Code.Should().Be("budget_exceeded");
        error.Message.Should().Contain("project's budget of $1.00").And.Contain("$1.00 so far");
        agent.Chat.Calls.Should().BeEmpty();
        (await agent.HistoryAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Run_ProjectBudgetNotYetSpent_Runs()
    {
        await using var agent = await CreateAsync(o => o.ProjectBudget = 1m);
        await SpendAsync(0.99m);
        await SpendAsync(5m, projectId: "other-project");
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        (await agent.Runner.RunAsync(Request(agent))).Reason.Should().Be(TurnEndReason.Completed);
    }

    [Fact]
    public async Task Run_UserBudgetSpentInOtherProjects_Refuses_OtherUsersRun()
    {
        await using var agent = await CreateAsync(o => o.UserBudget = 2m);
        await SpendAsync(2m, projectId: "other-project");
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        var refused = await agent.Runner.RunAsync(Request(agent));
        var bob = await agent.Runner.RunAsync(Request(agent, userId: "bob"));

        AgentHarness.Single<ErrorEvent>(refused).Message.Should().StartWith("Your budget of $2.00");
        bob.Reason.Should().Be(TurnEndReason.Completed);
    }

    [Fact]
    public async Task Run_DailyBudget_CountsOnlyToday()
    {
        await using var agent = await CreateAsync(o => { o.ProjectBudget = 1m; o.BudgetPeriod = UsageBudgetPeriod.Day; });
        await SpendAsync(10m, ago: TimeSpan.FromHours(13));
        await SpendAsync(0.5m, ago: TimeSpan.FromHours(11));
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        (await agent.Runner.RunAsync(Request(agent))).Reason.Should().Be(TurnEndReason.Completed);

        await SpendAsync(0.5m);
        AgentHarness.Single<ErrorEvent>(await agent.Runner.RunAsync(Request(agent))).Message.Should().Contain("for today (UTC)");
    }

    [Fact]
    public void PeriodStart_IsTheStartOfTheUtcDayOrMonth()
    {
        var now = new DateTimeOffset(2025, 6, 15, 1, 30, 0, TimeSpan.FromHours(3));

        UsageBudget.PeriodStart(UsageBudgetPeriod.Day, now).Should().Be(new DateTimeOffset(2025, 6, 14, 0, 0, 0, TimeSpan.Zero));
        UsageBudget.PeriodStart(UsageBudgetPeriod.Month, now).Should().Be(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        UsageBudget.PeriodStart(UsageBudgetPeriod.Total, now).Should().BeNull();
    }

    [Fact]
    public async Task Start_BudgetWithoutUsageStore_FailsValidationNamingTheFix()
    {
        await using var agent = await AgentHarness.CreateAsync(o => o.UserBudget = 1m);

        var error = FluentActions.Invoking(() => agent.Services.GetRequiredService<IOptions<AgentOptions>>().Value)
            .Should().Throw<OptionsValidationException>();

        error.Which.Message.Should().Contain("IUsageStore").And.Contain("AddFileStorage()");
    }
}
