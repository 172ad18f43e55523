using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.Logging.Testing;
using AppBuilder.Storage.PostgreSql;
using AppBuilder.Testing;
using AppBuilder.Testing.PostgreSql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectStoreMigrationTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _database = "";

    public async Task InitializeAsync() => _database = await _stores.NewDatabaseAsync();

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_StartedTwice_AppliesEachMigrationOnceAndKeepsData()
    {
        var first = _stores.Open(_database);
        await first.InitializeAsync();
        await first.CreateAsync(NewProject("kept"));
        await first.DisposeAsync();

        var second = _stores.Open(_database);
        await second.InitializeAsync();
        await second.InitializeAsync();

        (await VersionsAsync("appbuilder")).Should().Equal(Enumerable.Range(1, PostgreSqlMigration.LatestVersion));
        (await second.GetAsync("kept")).Should().NotBeNull();
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Migrate_ManyHostsAtOnce_ExactlyOneAppliesTheMigrations()
    {
        const int hosts = 6;
        var sources = Enumerable.Range(0, hosts).Select(_ => NpgsqlDataSource.Create(_database)).ToList();
        try
        {
            using var go = new ManualResetEventSlim();
            var runs = sources.Select(source => Task.Run(async () =>
            {
                go.Wait();
                return await new PostgreSqlSchemaMigrator(source, "appbuilder", NullLogger.Instance).MigrateAsync(CancellationToken.None);
            })).ToList();
            go.Set();
            var applied = await Task.WhenAll(runs);

            applied.Count(a => a.Count > 0).Should().Be(1, "the advisory lock lets one host migrate while the others wait");
            applied.Single(a => a.Count > 0).Should().Equal(Enumerable.Range(1, PostgreSqlMigration.LatestVersion));
            (await VersionsAsync("appbuilder")).Should().Equal(Enumerable.Range(1, PostgreSqlMigration.LatestVersion));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Migrate_FirstAndSecondRun_LogTheMigrationThenThatItIsUpToDate()
    {
        await using var source = NpgsqlDataSource.Create(_database);
        var logger = new FakeLogger();
        var migrator = new PostgreSqlSchemaMigrator(source, "appbuilder", logger);

        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        logger.Collector.GetSnapshot().Select(r => (r.Id.Id, r.Level)).Should().Equal((4010, LogLevel.Information), (4011, LogLevel.Debug));
        logger.Collector.GetSnapshot()[0].Message.Should().Be($"Migrated the PostgreSQL project store's schema appbuilder from version 0 to {PostgreSqlMigration.LatestVersion}.");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_TwoStoresConcurrently_BothWorkOnOneSchema()
    {
        var a = _stores.Open(_database);
        var b = _stores.Open(_database);

        await Task.WhenAll(a.InitializeAsync(), b.InitializeAsync());
        await a.CreateAsync(NewProject("from-a"));

        (await b.GetAsync("from-a")).Should().NotBeNull();
        (await VersionsAsync("appbuilder")).Should().HaveCount(PostgreSqlMigration.LatestVersion);
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_SchemaNewerThanThisBuild_FailsNamingBothVersions()
    {
        var store = _stores.Open(_database);
        await store.InitializeAsync();
        var newer = PostgreSqlMigration.LatestVersion + 1;
        await ExecuteAsync($"INSERT INTO appbuilder.schema_version (version, description) VALUES ({newer}, 'from the future')");

        var later = _stores.Open(_database);
        var act = () => later.InitializeAsync();

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain($"version {newer}").And.Contain($"({PostgreSqlMigration.LatestVersion})");
        var operation = () => later.ListAsync();
        await operation.Should().ThrowAsync<AppBuilderException>().WithMessage("*newer than this AppBuilder knows*");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Stores_InTwoSchemasOfOneDatabase_DoNotSeeEachOther()
    {
        var tenantA = _stores.Open(_database, schema: "tenant_a");
        var tenantB = _stores.Open(_database, schema: "tenant_b");

        await tenantA.CreateAsync(NewProject("only-in-a"));

        (await tenantB.ListAsync()).Should().BeEmpty();
        (await tenantA.ListAsync()).Select(p => p.Id).Should().Equal("only-in-a");
        (await VersionsAsync("tenant_b")).Should().HaveCount(PostgreSqlMigration.LatestVersion);
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task Initialize_SchemaCreatedByAnAdministrator_IsUsed()
    {
        await ExecuteAsync("CREATE SCHEMA premade");
        var store = _stores.Open(_database, schema: "premade");

        await store.CreateAsync(NewProject("p"));

        (await VersionsAsync("premade")).Should().HaveCount(PostgreSqlMigration.LatestVersion);
    }

    private static ProjectRecord NewProject(string id) => new()
    {
        Id = id,
        OwnerId = "alice",
        Title = "Todo",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private async Task<List<int>> VersionsAsync(string schema)
    {
        await using var source = NpgsqlDataSource.Create(_database);
        await using var command = source.CreateCommand($"SELECT version FROM \"{schema}\".schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(_database);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
