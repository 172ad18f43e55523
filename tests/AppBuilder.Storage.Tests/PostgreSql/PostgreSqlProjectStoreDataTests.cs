using AppBuilder.Testing.Prerequisites;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.PostgreSql;
using Microsoft.Extensions.AI;
using Npgsql;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectStoreDataTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _stores.NewDatabaseAsync();

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task GetMessages_DamagedRow_ThrowsStorageErrorNamingTheSession()
    {
        var store = _stores.Open(_connectionString);
        await store.CreateAsync(Project("p"));
        await store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p" });
        await store.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "fine"), new ChatMessage(ChatRole.User, "soon broken")]);
        await ExecuteAsync("UPDATE appbuilder.chat_messages SET message = '{\"role\": ' WHERE seq = 1");

        var act = () => store.GetMessagesAsync("p", "s");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Be("The stored data of project 'p' is damaged: message 1 of the history of session 's' cannot be read.");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Get_UnknownStatus_ThrowsDamagedWhileListSkipsTheRecord()
    {
        var store = _stores.Open(_connectionString);
        await store.CreateAsync(Project("good"));
        await store.CreateAsync(Project("odd"));
        await ExecuteAsync("UPDATE appbuilder.projects SET status = 'Frozen' WHERE id = 'odd'");

        var act = () => store.GetAsync("odd");

        await act.Should().ThrowAsync<AppBuilderException>().WithMessage("*project 'odd' is damaged*unknown status*");
        (await store.ListAsync()).Select(p => p.Id).Should().Equal("good");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Create_TimesWithAnOffset_ComeBackAsTheSameInstants()
    {
        var store = _stores.Open(_connectionString);
        var local = new DateTimeOffset(2025, 6, 1, 14, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234560);
        var project = Project("p") with { CreatedAt = local, UpdatedAt = local, LastPersistedAt = local.AddMinutes(5) };

        await store.CreateAsync(project);
        var read = (await store.GetAsync("p"))!;

        read.Should().Be(project);
        read.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task ReplaceMessages_WhileOthersAppend_LeavesTheReplacementFirstAndEveryLaterBatchWhole()
    {
        var store = _stores.Open(_connectionString);
        var other = _stores.Open(_connectionString);
        await store.CreateAsync(Project("p"));
        await store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p" });

        var started = 0;
        var done = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                Interlocked.Increment(ref started);
                await other.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, $"{t}:{i}:a"), new ChatMessage(ChatRole.Assistant, $"{t}:{i}:b")]);
                if (Interlocked.Increment(ref done) == 40)
                {
                    halfway.SetResult();
                }
            }
        })).ToList();
        await halfway.Task;
        var doneBefore = Volatile.Read(ref done);
        await store.ReplaceMessagesAsync("p", "s", [new ChatMessage(ChatRole.System, "summary")]);
        var startedBeforeEnd = Volatile.Read(ref started);
        await Task.WhenAll(appends);
        var texts = (await store.GetMessagesAsync("p", "s")).Select(m => m.Text).ToList();

        texts[0].Should().Be("summary", "everything committed before the replacement is gone, whichever host wrote it");
        var kept = (texts.Count - 1) / 2;
        kept.Should().BeLessThanOrEqualTo(160 - doneBefore, "appends finished before the replacement began are replaced");
        kept.Should().BeGreaterThanOrEqualTo(160 - startedBeforeEnd, "appends begun after the replacement ended are kept");
        texts.Skip(1).Should().OnlyHaveUniqueItems();
        ((texts.Count - 1) % 2).Should().Be(0);
        for (var k = 1; k < texts.Count; k += 2)
        {
            texts[k].Should().EndWith(":a");
            texts[k + 1].Should().Be(texts[k][..^1] + "b");
        }
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task OddText_NulAndLoneSurrogates_ReadsBackAsFromTheFileStore()
    {
        using var folder = new TempFolder();
        var file = TestStores.Projects(folder.Path);
        var store = _stores.Open(_connectionString);
        const string text = "nul:\0 lone:\uD800 pair:\uD83D\uDE80 reversed:\uDE80\uD83D end";
        var project = Project("p") with { Title = "lone \uDC00 title" };
        var session = new ChatSessionRecord { Id = "s", ProjectId = "p", Title = "tab \uD801" };
        var results = new List<(ProjectRecord?, ChatSessionRecord?, string?)>();

        foreach (var target in new IProjectStore[] { file, store })
        {
            await target.CreateAsync(project);
            await target.CreateSessionAsync(session);
            await target.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, text)]);
            results.Add((await target.GetAsync("p"), await target.GetSessionAsync("p", "s"), (await target.GetMessagesAsync("p", "s")).Single().Text));
        }

        results[1].Should().Be(results[0]);
        results[1].Item3.Should().StartWith("nul:\0 lone:");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Create_TextWithNul_ThrowsArgumentExceptionAndStoresNothing()
    {
        var store = _stores.Open(_connectionString);

        var act = () => store.CreateAsync(Project("p") with { Title = "bad\0title" });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("The title contains a NUL character*");
        var session = () => store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p", Title = "\0" });
        await session.Should().ThrowAsync<ArgumentException>().WithMessage("The session title contains a NUL character*");
        (await store.ListAsync()).Should().BeEmpty();
        (await store.ListAsync("owner\0")).Should().BeEmpty();
    }

    private static ProjectRecord Project(string id) => new()
    {
        Id = id,
        OwnerId = "alice",
        Title = "Todo",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
