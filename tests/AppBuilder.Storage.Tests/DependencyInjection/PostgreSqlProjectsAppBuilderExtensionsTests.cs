using AppBuilder.Testing.Prerequisites;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.PostgreSql;
using AppBuilder.Storage.Tests.PostgreSql;
using AppBuilder.Testing.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AppBuilder.Storage.Tests.DependencyInjection;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlProjectsAppBuilderExtensionsTests(PostgreSqlServerFixture server)
{
    private const string Valid = "Host=127.0.0.1;Port=9;Database=appbuilder;Username=app;Password=hunter2";

    [Fact]
    public async Task AddPostgreSqlProjects_AfterFileStorage_ReplacesOnlyTheProjectStore()
    {
        await using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage()
            .AddPostgreSqlProjects(o => o.ConnectionString = Valid).Services.BuildServiceProvider();

        services.GetRequiredService<IProjectStore>().Should().BeOfType<PostgreSqlProjectStore>()
            .And.BeSameAs(services.GetRequiredService<PostgreSqlProjectStore>());
        services.GetRequiredService<ISnapshotStore>().Should().BeOfType<FileSnapshotStore>();
    }

    [Fact]
    public async Task AddPostgreSqlProjects_BeforeFileStorageAndTwice_IsKeptOnce()
    {
        var collection = new ServiceCollection();

        collection.AddAppBuilderCore().AddPostgreSqlProjects(o => o.ConnectionString = Valid).AddPostgreSqlProjects().AddFileStorage();

        collection.Count(d => d.ServiceType == typeof(IProjectStore)).Should().Be(1);
        collection.Count(d => d.ImplementationType == typeof(PostgreSqlProjectStoreStartup)).Should().Be(1);
        await using var services = collection.BuildServiceProvider();
        services.GetRequiredService<IProjectStore>().Should().BeOfType<PostgreSqlProjectStore>();
    }

    [Fact]
    public async Task AddPostgreSqlProjects_ConfigurationSection_IsBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppBuilder:Storage:PostgreSql:ConnectionString"] = Valid,
            ["AppBuilder:Storage:PostgreSql:Schema"] = "tenant_7",
        }).Build();

        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddAppBuilderCore().AddPostgreSqlProjects().Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<PostgreSqlProjectStoreOptions>>().Value;

        options.ConnectionString.Should().Be(Valid);
        options.Schema.Should().Be("tenant_7");
        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetRequiredService<PostgreSqlProjectStore>().Schema.Should().Be("tenant_7");
    }

    [Fact]
    public async Task AddPostgreSqlProjects_NoConnectionString_FailsAtStartNamingTheSetting()
    {
        await using var services = new ServiceCollection().AddAppBuilderCore().AddPostgreSqlProjects().Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AppBuilder:Storage:PostgreSql:ConnectionString is required*");
    }

    [Theory]
    [InlineData("Host=db;Password=hunter2;Colour=blue", "*not a valid Npgsql connection string*")]
    [InlineData("Host=db;Password=hunter2;Port=eighty", "*not a valid Npgsql connection string*")]
    [InlineData("Database=app;Password=hunter2", "*names no Host*")]
    public async Task AddPostgreSqlProjects_BadConnectionString_FailsAtStartWithoutEchoingIt(string connectionString, string expected)
    {
        await using var services = new ServiceCollection().AddAppBuilderCore()
            .AddPostgreSqlProjects(o => o.ConnectionString = connectionString).Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage(expected).Which.Message.Should().NotContain("hunter2");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("1st")]
    [InlineData("pg_catalog")]
    [InlineData("a\"; DROP TABLE x; --")]
    [InlineData("with-dash")]
    public async Task AddPostgreSqlProjects_BadSchema_FailsAtStart(string schema)
    {
        await using var services = new ServiceCollection().AddAppBuilderCore()
            .AddPostgreSqlProjects(o => { o.ConnectionString = Valid; o.Schema = schema; }).Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AppBuilder:Storage:PostgreSql:Schema*is not allowed*");
    }

    [Fact]
    public async Task HostStart_DatabaseDown_FailsWithAClearMessage()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAppBuilderCore().AddPostgreSqlProjects(o => o.ConnectionString = Valid + ";Timeout=3");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should()
            .Contain("could not prepare its schema 'appbuilder'").And.Contain("could not be reached").And.NotContain("hunter2");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task HostStart_DatabaseUp_CreatesTheSchemaBeforeTheFirstRequest()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["AppBuilder:Storage:PostgreSql:ConnectionString"] = connectionString;
        builder.Services.AddAppBuilderCore().AddFileStorage(o => o.Root = Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid().ToString("N")))
            .AddPostgreSqlProjects();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var command = source.CreateCommand("SELECT count(*) FROM appbuilder.schema_version");
            ((long)(await command.ExecuteScalarAsync())!).Should().Be(PostgreSqlMigration.LatestVersion);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
