using AppBuilder.Storage.PostgreSql;
using AppBuilder.Testing.PostgreSql;

namespace AppBuilder.Storage.Tests.PostgreSql;

/// <summary>Creates PostgreSQL project stores over fresh databases of the shared server, and disposes them.</summary>
internal sealed class PostgreSqlTestStores(PostgreSqlServerFixture server) : IAsyncDisposable
{
    private readonly List<PostgreSqlProjectStore> _stores = [];

    public PostgreSqlServerFixture Server => server;

    public Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync();

    public PostgreSqlProjectStore Open(string connectionString, string schema = "appbuilder", string? applicationName = null)
    {
        if (applicationName is not null)
        {
            connectionString += ";Application Name=" + applicationName;
        }

        var store = new PostgreSqlProjectStore(Microsoft.Extensions.Options.Options.Create(
            new PostgreSqlProjectStoreOptions { ConnectionString = connectionString, Schema = schema }));
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    public async ValueTask DisposeAsync()
    {
        PostgreSqlProjectStore[] stores;
        lock (_stores)
        {
            stores = [.. _stores];
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
