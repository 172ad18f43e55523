using AppBuilder.Testing.Prerequisites;
using System.Net;
using System.Net.Sockets;
using AppBuilder.Testing.PostgreSql;
using Microsoft.Extensions.AI;
using Npgsql;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectStoreOutageTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const string Secret = "s3cret-Pa55word";
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await _stores.NewDatabaseAsync();

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [RequiresFact(Prerequisite.PostgreSql)]
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

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_WrongPassword_SaysTheLoginWasRefusedWithoutThePassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Password = Secret };
        var store = _stores.Open(builder.ConnectionString);

        var error = (await store.Invoking(s => s.InitializeAsync()).Should().ThrowAsync<AppBuilderException>()).Which;

        error.Message.Should().Contain("refused the login").And.NotContain(Secret).And.NotContain(server.Password);
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_DatabaseThatDoesNotExist_SaysSo()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "no_such_database" };
        var store = _stores.Open(builder.ConnectionString);

        var act = () => store.InitializeAsync();

        await act.Should().ThrowAsync<AppBuilderException>().WithMessage("*the database named in*does not exist*");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
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

    [RequiresFact(Prerequisite.PostgreSql)]
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

    [RequiresFact(Prerequisite.PostgreSql)]
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
}
