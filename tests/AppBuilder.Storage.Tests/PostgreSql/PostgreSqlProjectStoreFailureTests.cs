using System.Net;
using System.Net.Sockets;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.PostgreSql;
using Microsoft.Extensions.AI;
using Npgsql;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectStoreFailureTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const string Secret = "s3cret-Pa55word";
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _stores.NewDatabaseAsync();

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [PostgreSqlFact]
    public async Task EveryOperation_DatabaseDown_ThrowsStorageErrorWithoutConnectionDetails()
    {
        var port = ClosedPort();
        var store = _stores.Open($"Host=127.0.0.1;Port={port};Database=appbuilder;Username=app;Password={Secret};Timeout=3");
        var message = new List<ChatMessage> { new(ChatRole.User, "x") };
        var operations = new List<Func<Task>>
        {
            () => store.InitializeAsync(),
            () => store.CreateAsync(Project("p")),
            () => store.GetAsync("p"),
            () => store.ListAsync(),
            () => store.UpdateAsync(Project("p")),
            () => store.DeleteAsync("p"),
            () => store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p" }),
            () => store.GetSessionAsync("p", "s"),
            () => store.ListSessionsAsync("p"),
            () => store.AppendMessagesAsync("p", "s", message),
            () => store.GetMessagesAsync("p", "s"),
            () => store.ReplaceMessagesAsync("p", "s", message),
        };

        foreach (var operation in operations)
        {
            var error = (await operation.Should().ThrowAsync<AppBuilderException>()).Which;
            error.ErrorCode.Should().Be("storage_error");
            error.Message.Should().Contain("the database server could not be reached")
                .And.Contain("AppBuilder:Storage:PostgreSql:ConnectionString")
                .And.NotContain(Secret).And.NotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .And.NotContain("127.0.0.1").And.NotContain("Username");
        }
    }

    [PostgreSqlFact]
    public async Task Initialize_WrongPassword_SaysTheLoginWasRefusedWithoutThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Password = Secret };
        var store = _stores.Open(builder.ConnectionString);

        var error = (await store.Invoking(s => s.InitializeAsync()).Should().ThrowAsync<AppBuilderException>()).Which;

        error.Message.Should().Contain("refused the login").And.NotContain(Secret).And.NotContain(server.Password);
    }

    [PostgreSqlFact]
    public async Task Initialize_DatabaseThatDoesNotExist_SaysSo()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "no_such_database" };
        var store = _stores.Open(builder.ConnectionString);

        var act = () => store.InitializeAsync();

        await act.Should().ThrowAsync<AppBuilderException>().WithMessage("*the database named in*does not exist*");
    }

    [PostgreSqlFact]
    public async Task AppendMessages_ConnectionEndedMidAppend_FailsAndStoresNoPartOfTheBatch()
    {
        var application = "victim-" + Guid.NewGuid().ToString("N")[..8];
        var store = _stores.Open(_connectionString, applicationName: application);
        await store.CreateAsync(Project("p"));
        await store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p" });
        await store.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "before")]);

        await using var admin = NpgsqlDataSource.Create(_connectionString);
        await using var blocker = await admin.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        // Hold the session row so that the append is caught inside its statement, then end its connection there.
        await Execute(blocker, "SELECT 1 FROM appbuilder.chat_sessions WHERE project_id = 'p' AND id = 's' FOR UPDATE", transaction);
        var append = store.AppendMessagesAsync("p", "s",
            [new ChatMessage(ChatRole.User, "lost 1"), new ChatMessage(ChatRole.Assistant, "lost 2")]);
        var victim = await WaitForBlockedBackendAsync(admin, application);
        await using (var terminate = admin.CreateCommand($"SELECT pg_terminate_backend({victim})"))
        {
            (await terminate.ExecuteScalarAsync()).Should().Be(true);
        }

        var error = (await append.Invoking(async a => await a).Should().ThrowAsync<AppBuilderException>()).Which;
        await transaction.CommitAsync();

        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("could not append messages to project 'p'").And.Contain("connection to the database was lost")
            .And.NotContain(server.Password);
        (await store.GetMessagesAsync("p", "s")).Select(m => m.Text).Should().Equal("before");
        await store.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "after")]);
        (await store.GetMessagesAsync("p", "s")).Select(m => m.Text).Should().Equal("before", "after");
    }

    [PostgreSqlFact]
    public async Task Operations_AfterTheServerEndedEveryPooledConnection_Succeed()
    {
        var application = "pooled-" + Guid.NewGuid().ToString("N")[..8];
        var store = _stores.Open(_connectionString, applicationName: application);
        await store.CreateAsync(Project("p"));
        await store.CreateSessionAsync(new ChatSessionRecord { Id = "s", ProjectId = "p" });
        // Several idle connections in the pool.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.GetMessagesAsync("p", "s")));

        await using var admin = NpgsqlDataSource.Create(_connectionString);
        await using (var terminate = admin.CreateCommand(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{application}'"))
        {
            ((long)(await terminate.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
        }

        await Task.Delay(200);

        (await store.GetAsync("p")).Should().NotBeNull("a read retries once on a fresh connection");
        await store.AppendMessagesAsync("p", "s", [new ChatMessage(ChatRole.User, "after the outage")]);
        (await store.GetMessagesAsync("p", "s")).Select(m => m.Text).Should().Equal("after the outage");
    }

    [PostgreSqlFact]
    public async Task Write_FirstAfterTheServerEndedPooledConnections_FailsOnceThenTheStoreRecovers()
    {
        var application = "writer-" + Guid.NewGuid().ToString("N")[..8];
        var store = _stores.Open(_connectionString, applicationName: application);
        await store.CreateAsync(Project("p"));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.ListAsync()));

        await using var admin = NpgsqlDataSource.Create(_connectionString);
        await using (var terminate = admin.CreateCommand(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{application}'"))
        {
            ((long)(await terminate.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
        }

        await Task.Delay(200);
        var first = () => store.UpdateAsync(Project("p") with { Title = "lost?" });

        var error = (await first.Should().ThrowAsync<AppBuilderException>()).Which;
        error.Message.Should().Contain("could not update project 'p'").And.Contain("connection to the database was lost");
        await store.UpdateAsync(Project("p") with { Title = "Renamed" });
        (await store.GetAsync("p"))!.Title.Should().Be("Renamed");
    }

    [PostgreSqlFact]
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

    [PostgreSqlFact]
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

    [PostgreSqlFact]
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

    [PostgreSqlFact]
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

    [PostgreSqlFact]
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

    [PostgreSqlFact]
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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> WaitForBlockedBackendAsync(NpgsqlDataSource admin, string application)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = admin.CreateCommand(
                $"SELECT pid FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock'");
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The append never waited on the session row's lock.");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(_connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
