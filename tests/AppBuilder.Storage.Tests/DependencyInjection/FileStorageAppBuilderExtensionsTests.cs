using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Tests.DependencyInjection;

public sealed class FileStorageAppBuilderExtensionsTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void AddFileStorage_NoConfiguration_RegistersFileStoresWithDefaultRoot()
    {
        using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage().Services.BuildServiceProvider();

        services.GetRequiredService<IProjectStore>().Should().BeOfType<FileProjectStore>();
        services.GetRequiredService<ISnapshotStore>().Should().BeOfType<FileSnapshotStore>();
        services.GetRequiredService<IOptions<FileStorageOptions>>().Value.Root.Should().Be(".appbuilder/data");
    }

    [Fact]
    public void AddFileStorage_ConfigurationSection_BindsRootAndConfigureRunsAfter()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AppBuilder:Storage:Root"] = "/from/config" })
            .Build();
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        using var fromConfig = collection.AddAppBuilderCore().AddFileStorage().Services.BuildServiceProvider();
        using var overridden = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddAppBuilderCore().AddFileStorage(o => o.Root = _root.Path).Services.BuildServiceProvider();

        fromConfig.GetRequiredService<IOptions<FileStorageOptions>>().Value.Root.Should().Be("/from/config");
        overridden.GetRequiredService<IOptions<FileStorageOptions>>().Value.Root.Should().Be(_root.Path);
    }

    [Fact]
    public void AddFileStorage_CalledTwice_RegistersEachStoreOnce()
    {
        var collection = new ServiceCollection();

        collection.AddAppBuilderCore().AddFileStorage().AddFileStorage(o => o.Root = _root.Path);

        collection.Count(d => d.ServiceType == typeof(IProjectStore)).Should().Be(1);
        collection.Count(d => d.ServiceType == typeof(ISnapshotStore)).Should().Be(1);
        collection.Count(d => d.ServiceType == typeof(IValidateOptions<FileStorageOptions>)).Should().Be(1);
        using var services = collection.BuildServiceProvider();
        services.GetRequiredService<IProjectStore>().Should().BeSameAs(services.GetRequiredService<IProjectStore>());
    }

    [Fact]
    public async Task AddFileStorage_Stores_WriteUnderConfiguredRoot()
    {
        using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage(o => o.Root = _root.Path).Services.BuildServiceProvider();

        await services.GetRequiredService<IProjectStore>().CreateAsync(new ProjectRecord { Id = "p1", OwnerId = "o", Title = "t" });
        await services.GetRequiredService<ISnapshotStore>().PersistAsync("p1", [new SnapshotFile("a.txt", new byte[] { 1 })]);

        _root.Files().Should().Contain("projects/p1/project.json").And.Contain("snapshots/p1/manifests/000001.json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddFileStorage_EmptyRoot_FailsAtStartNamingTheSetting(string root)
    {
        using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage(o => o.Root = root).Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AppBuilder:Storage:Root*writable folder*");
    }

    [Fact]
    public void AddFileStorage_RootIsAFile_FailsAtStart()
    {
        var file = Path.Combine(_root.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage(o => o.Root = file).Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*is a file*");
    }
}
