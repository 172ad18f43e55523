namespace AppBuilder.Testing.PostgreSql;

/// <summary>A fact that needs a PostgreSQL server (<see cref="PostgreSqlServerFixture"/>): skipped at discovery with
/// <see cref="PostgreSqlPrerequisite.SkipReason"/> when the server binaries cannot be used here, and run (to fail with
/// the reason) when <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, reading the cached probe.</summary>
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlPrerequisite.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
