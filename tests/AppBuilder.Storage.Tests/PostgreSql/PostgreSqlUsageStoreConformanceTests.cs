using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.PostgreSql;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Storage.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUsageStoreConformanceTests(PostgreSqlServerFixture server) : UsageStoreConformanceTests
{
    private readonly PostgreSqlTestStores _stores = new(server);
    private string _connectionString = "";

    public static Prerequisite Prerequisites => Prerequisite.PostgreSql;

    protected override async Task<IUsageStore> CreateStoreAsync()
    {
        _connectionString = await _stores.NewDatabaseAsync();
        return _stores.Open(_connectionString);
    }

    protected override Task<IUsageStore> CreateSecondInstanceAsync() => Task.FromResult<IUsageStore>(_stores.Open(_connectionString));

    protected override async Task DisposeStoreAsync() => await _stores.DisposeAsync();
}
