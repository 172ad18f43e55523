using AppBuilder.Storage.PostgreSql;

namespace AppBuilder.Storage.Tests.PostgreSql;

public sealed class PostgreSqlMigrationTests
{
    [Fact]
    public void EmbeddedMigrations_AreNumberedFromOneWithoutGaps()
    {
        PostgreSqlMigration.All.Select(m => m.Version).Should().Equal(Enumerable.Range(1, PostgreSqlMigration.All.Count));
        PostgreSqlMigration.All.Should().OnlyContain(m => (m.Sql.Contains("CREATE TABLE", StringComparison.Ordinal) || m.Sql.Contains("ALTER TABLE", StringComparison.Ordinal)) && m.Description.Length > 0);
        PostgreSqlMigration.All[0].Description.Should().Be("projects_sessions_messages");
    }

    [Fact]
    public void LockKey_DependsOnTheSchemaOnly()
    {
        PostgreSqlSchemaMigrator.LockKey("appbuilder").Should().Be(PostgreSqlSchemaMigrator.LockKey("appbuilder"))
            .And.NotBe(PostgreSqlSchemaMigrator.LockKey("tenant_a"));
    }
}
