using AppBuilder.Testing.Prerequisites;
using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.PostgreSql;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectStoreConformanceTests(PostgreSqlServerFixture server) : ProjectStoreConformanceTests
{
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _connectionString = "";

    public static Prerequisite Prerequisites => Prerequisite.PostgreSql;

    // Every test gets a database of its own (xunit makes an instance per test), migrated by the store's first operation.
    protected override async Task<IProjectStore> CreateStoreAsync()
    {
        _connectionString = await _stores.NewDatabaseAsync();
        return _stores.Open(_connectionString);
    }

    // A second store object with its own connection pool over the same database: what a second host has.
    protected override Task<IProjectStore> CreateSecondInstanceAsync() => Task.FromResult<IProjectStore>(_stores.Open(_connectionString));

    protected override async Task DisposeStoreAsync() => await _stores.DisposeAsync();
}
