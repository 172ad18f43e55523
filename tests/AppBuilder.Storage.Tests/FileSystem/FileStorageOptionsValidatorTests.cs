using AppBuilder.Storage.FileSystem;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileStorageOptionsValidatorTests
{
    [Theory]
    [InlineData(".appbuilder/data")]
    [InlineData("/var/lib/appbuilder")]
    public void Validate_FolderPath_Succeeds(string root)
    {
        new FileStorageOptionsValidator().Validate(null, new FileStorageOptions { Root = root }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_NulInPath_FailsNamingTheSetting()
    {
        var result = new FileStorageOptionsValidator().Validate(null, new FileStorageOptions { Root = "bad\0root" });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("AppBuilder:Storage:Root");
    }
}
