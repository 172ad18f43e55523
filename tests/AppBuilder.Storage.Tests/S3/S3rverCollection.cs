using AppBuilder.Testing.S3;

namespace AppBuilder.Storage.Tests.S3;

/// <summary>Test classes in this collection share one s3rver, started once and stopped by PID at the end.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
