using AppBuilder.Storage.S3;

namespace AppBuilder.Storage.Tests.S3;

public sealed class S3SnapshotOptionsValidatorTests
{
    private static S3SnapshotOptions Valid() => new() { Bucket = "my-bucket" };

    private static IEnumerable<string> Failures(S3SnapshotOptions options) =>
        new S3SnapshotOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_AwsDefaults_Succeeds()
    {
        new S3SnapshotOptionsValidator().Validate(null, Valid()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_R2StyleSettings_Succeeds()
    {
        var options = Valid();
        options.ServiceUrl = "https://account.r2.cloudflarestorage.com";
        options.Region = "auto";
        options.AccessKey = "a";
        options.SecretKey = "b";
        options.Prefix = "";

        new S3SnapshotOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "Bucket is required")]
    [InlineData("UpperCase", "not a valid bucket name")]
    [InlineData("ab", "not a valid bucket name")]
    [InlineData("bucket_name", "not a valid bucket name")]
    [InlineData("-bucket", "not a valid bucket name")]
    public void Validate_BadBucket_FailsNamingTheFix(string bucket, string expected)
    {
        var options = Valid();
        options.Bucket = bucket;

        Failures(options).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Theory]
    [InlineData("localhost:9000")]
    [InlineData("ftp://host")]
    [InlineData("/relative")]
    public void Validate_BadServiceUrl_Fails(string url)
    {
        var options = Valid();
        options.ServiceUrl = url;

        Failures(options).Should().ContainSingle().Which.Should().Contain("ServiceUrl").And.Contain("http");
    }

    [Fact]
    public void Validate_AccessKeyWithoutSecret_Fails()
    {
        var options = Valid();
        options.AccessKey = "only-key";

        Failures(options).Should().ContainSingle().Which.Should().Contain("must be set together");
    }

    [Theory]
    [InlineData("/abs/")]
    [InlineData("a//b/")]
    [InlineData("../up/")]
    [InlineData("a/../b")]
    [InlineData("sp ace/")]
    public void Validate_BadPrefix_Fails(string prefix)
    {
        var options = Valid();
        options.Prefix = prefix;

        Failures(options).Should().ContainSingle().Which.Should().Contain("Prefix");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Validate_MaxRetriesOutOfRange_Fails(int retries)
    {
        var options = Valid();
        options.MaxRetries = retries;

        Failures(options).Should().ContainSingle().Which.Should().Contain("MaxRetries");
    }

    [Fact]
    public void Validate_ZeroTimeoutAndNoRegion_ReportsBoth()
    {
        var options = Valid();
        options.Timeout = TimeSpan.Zero;
        options.Region = "";

        Failures(options).Should().HaveCount(2);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("tenant", "tenant/")]
    [InlineData("a/b/", "a/b/")]
    public void NormalizePrefix_AddsTrailingSlashOnlyWhenNeeded(string prefix, string expected)
    {
        S3SnapshotOptionsValidator.NormalizePrefix(prefix).Should().Be(expected);
    }
}
