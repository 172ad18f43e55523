using AppBuilder.Storage;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IUsageStore"/> must have. Derive once per implementation and return a fresh, empty
/// store from <see cref="CreateStoreAsync"/>. A derived class that needs a prerequisite declares it as
/// <c>public static Prerequisite Prerequisites</c> (or <c>SkipReason</c>), as for <see cref="ProjectStoreConformanceTests"/>.
/// </summary>
public abstract class UsageStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_day = new(2025, 3, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test (created before each test).</summary>
    protected IUsageStore Store { get; private set; } = null!;

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IUsageStore> CreateStoreAsync();

    /// <summary>Returns another instance over the same data as <see cref="Store"/>, or the same instance.</summary>
    protected virtual Task<IUsageStore> CreateSecondInstanceAsync() => Task.FromResult(Store);

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>A valid record of a priced, successful call.</summary>
    protected static UsageRecord NewRecord(string projectId = "project-a", string? userId = "alice", int minutes = 0,
        decimal? cost = 0.25m, string? id = null) => new()
    {
        Id = id ?? StorageId.New(),
        Timestamp = s_day.AddMinutes(minutes),
        ProjectId = projectId,
        SessionId = "session-1",
        TurnId = "turn-1",
        UserId = userId,
        Step = "agent",
        Provider = "openai",
        ModelId = "gpt-test",
        InputTokens = 1_000,
        OutputTokens = 200,
        CachedInputTokens = 400,
        Cost = cost,
        Latency = TimeSpan.FromMilliseconds(1234.5),
        Outcome = UsageOutcome.Ok,
    };

    [ConformanceFact]
    public async Task Append_ThenList_ReturnsEqualRecord()
    {
        var record = NewRecord();

        await Store.AppendAsync(record);

        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a" })).Should().Equal(record);
    }

    [ConformanceFact]
    public async Task Append_FailedCallWithoutTokensOrPrice_KeepsNulls()
    {
        var record = NewRecord(cost: null) with
        {
            InputTokens = null,
            OutputTokens = null,
            CachedInputTokens = null,
            Provider = null,
            ModelId = null,
            UserId = null,
            Outcome = UsageOutcome.Error,
            ErrorCode = "model_error",
        };

        await Store.AppendAsync(record);

        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a" })).Should().Equal(record);
    }

    [ConformanceFact]
    public async Task List_ReturnsOldestFirst_FilteredByProjectUserAndTime()
    {
        var late = NewRecord(minutes: 30);
        var early = NewRecord(minutes: 10);
        var otherUser = NewRecord(userId: "bob", minutes: 20);
        var otherProject = NewRecord(projectId: "project-b", minutes: 5);
        foreach (var record in new[] { late, early, otherUser, otherProject })
        {
            await Store.AppendAsync(record);
        }

        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a" })).Should().Equal(early, otherUser, late);
        (await Store.ListAsync(new UsageQuery { UserId = "alice" })).Should().Equal(otherProject, early, late);
        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a", UserId = "alice" })).Should().Equal(early, late);
        (await Store.ListAsync(new UsageQuery { Since = s_day.AddMinutes(10), Until = s_day.AddMinutes(30) }))
            .Should().Equal(early, otherUser);
        (await Store.ListAsync(new UsageQuery())).Should().HaveCount(4);
    }

    [ConformanceFact]
    public async Task GetTotals_SumsTokensAndCost_CountsUnpricedCalls()
    {
        await Store.AppendAsync(NewRecord(cost: 0.25m));
        await Store.AppendAsync(NewRecord(cost: 0.000125m, minutes: 1));
        await Store.AppendAsync(NewRecord(cost: null, minutes: 2));
        await Store.AppendAsync(NewRecord(projectId: "project-b", cost: 9m));

        var totals = await Store.GetTotalsAsync(new UsageQuery { ProjectId = "project-a" });

        totals.Should().Be(new UsageTotals(3, 3_000, 600, 1_200, 0.250125m, 1));
        (await Store.GetTotalsAsync(new UsageQuery { UserId = "alice" })).Cost.Should().Be(9.250125m);
    }

    [ConformanceFact]
    public async Task GetTotals_NothingMatches_ReturnsZeros()
    {
        await Store.AppendAsync(NewRecord());

        (await Store.GetTotalsAsync(new UsageQuery { ProjectId = "nothing-here" })).Should().Be(UsageTotals.Empty);
        (await Store.GetTotalsAsync(new UsageQuery { UserId = "nobody" })).Should().Be(UsageTotals.Empty);
    }

    [ConformanceFact]
    public async Task Append_SameIdTwice_IsStoredOnce()
    {
        var record = NewRecord(id: "same-id");

        await Store.AppendAsync(record);
        await Store.AppendAsync(record);

        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a" })).Should().ContainSingle();
        (await Store.GetTotalsAsync(new UsageQuery { ProjectId = "project-a" })).Calls.Should().Be(1);
    }

    [ConformanceFact]
    public async Task Append_InvalidRecord_ThrowsArgumentAndStoresNothing()
    {
        var invalid = new[]
        {
            NewRecord() with { ProjectId = "../escape" },
            NewRecord() with { Id = "" },
            NewRecord() with { Step = " " },
            NewRecord() with { InputTokens = -1 },
            NewRecord() with { Cost = -0.01m },
            NewRecord() with { Latency = TimeSpan.FromSeconds(-1) },
        };

        foreach (var record in invalid)
        {
            await FluentActions.Awaiting(() => Store.AppendAsync(record)).Should().ThrowAsync<ArgumentException>();
        }

        await FluentActions.Awaiting(() => Store.AppendAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        (await Store.ListAsync(new UsageQuery())).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task List_InvalidProjectId_ThrowsArgument()
    {
        await FluentActions.Awaiting(() => Store.ListAsync(new UsageQuery { ProjectId = "a/b" })).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Store.GetTotalsAsync(new UsageQuery { ProjectId = "a/b" })).Should().ThrowAsync<ArgumentException>();
    }

    [ConformanceFact]
    public async Task ConcurrentAppends_AreAllKept()
    {
        var records = Enumerable.Range(0, 40).Select(i => NewRecord(minutes: i, userId: i % 2 == 0 ? "alice" : "bob")).ToList();

        await Task.WhenAll(records.Select(r => Task.Run(() => Store.AppendAsync(r))));

        (await Store.ListAsync(new UsageQuery { ProjectId = "project-a" })).Should().Equal(records);
    }

    [ConformanceFact]
    public async Task SecondInstance_SeesRecordsOfTheFirst()
    {
        var record = NewRecord();
        await Store.AppendAsync(record);

        var second = await CreateSecondInstanceAsync();

        (await second.ListAsync(new UsageQuery { UserId = "alice" })).Should().Equal(record);
    }

    [ConformanceFact]
    public async Task Records_AreKeptPerProject_MixedCaseIdsDoNotShare()
    {
        await Store.AppendAsync(NewRecord(projectId: "Proj"));
        await Store.AppendAsync(NewRecord(projectId: "proj", cost: 1m));

        (await Store.GetTotalsAsync(new UsageQuery { ProjectId = "Proj" })).Cost.Should().Be(0.25m);
        (await Store.GetTotalsAsync(new UsageQuery { ProjectId = "proj" })).Cost.Should().Be(1m);
    }
}
