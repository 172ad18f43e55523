using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Tests.DependencyInjection;

public sealed class S3SnapshotsAppBuilderExtensionsTests
{
    private static void Valid(S3SnapshotOptions o)
    {
        o.ServiceUrl = "http://127.0.0.1:9";
        o.Bucket = "my-bucket";
        o.AccessKey = "key";
        o.SecretKey = "secret";
        o.ForcePathStyle = true;
    }

    [Fact]
    public void AddS3Snapshots_AfterFileStorage_ReplacesOnlyTheSnapshotStore()
    {
        using var services = new ServiceCollection().AddAppBuilderCore().AddFileStorage().AddS3Snapshots(Valid)
            .Services.BuildServiceProvider();

        services.GetRequiredService<ISnapshotStore>().Should().BeOfType<S3SnapshotStore>();
        services.GetRequiredService<IProjectStore>().Should().BeOfType<FileProjectStore>();
    }

    [Fact]
    public void AddS3Snapshots_BeforeFileStorage_IsKept()
    {
        var collection = new ServiceCollection();

        collection.AddAppBuilderCore().AddS3Snapshots(Valid).AddFileStorage();

        collection.Count(d => d.ServiceType == typeof(ISnapshotStore)).Should().Be(1);
        using var services = collection.BuildServiceProvider();
        services.GetRequiredService<ISnapshotStore>().Should().BeOfType<S3SnapshotStore>();
    }

    [Fact]
    public void AddS3Snapshots_ConfigurationSection_IsBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppBuilder:Storage:S3:Bucket"] = "from-config",
            ["AppBuilder:Storage:S3:ServiceUrl"] = "http://minio:9000",
            ["AppBuilder:Storage:S3:ForcePathStyle"] = "true",
            ["AppBuilder:Storage:S3:Prefix"] = "tenant/",
        }).Build();

        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddAppBuilderCore().AddS3Snapshots().Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<S3SnapshotOptions>>().Value;

        options.Bucket.Should().Be("from-config");
        options.ServiceUrl.Should().Be("http://minio:9000");
        options.ForcePathStyle.Should().BeTrue();
        options.Prefix.Should().Be("tenant/");
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddS3Snapshots_NoBucket_FailsAtStartNamingTheSetting()
    {
        using var services = new ServiceCollection().AddAppBuilderCore().AddS3Snapshots(o => o.Bucket = "")
            .Services.BuildServiceProvider();

        var act = () => services.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AppBuilder:Storage:S3:Bucket is required*");
    }
}
