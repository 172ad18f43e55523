using AppBuilder.Testing.S3;

namespace AppBuilder.Storage.Tests.S3;

internal static class S3TestOptions
{
    /// <summary>Options for the fixture's s3rver, under a prefix unique to the caller.</summary>
    public static S3SnapshotOptions For(S3rverFixture s3, string? prefix = null) => new()
    {
        ServiceUrl = s3.ServiceUrl,
        Bucket = s3.Bucket,
        AccessKey = s3.AccessKey,
        SecretKey = s3.SecretKey,
        ForcePathStyle = true,
        Prefix = prefix ?? "tests/" + Guid.NewGuid().ToString("N")[..8] + "/",
    };
}
