using AppBuilder.Testing.PostgreSql;

namespace AppBuilder.Storage.Tests.PostgreSql;

/// <summary>Test classes in this collection share one PostgreSQL server, started once per run and stopped by its
/// process id at the end; each test gets a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "postgresql";
}
