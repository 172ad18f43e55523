using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.Tests.Internal;

public sealed class FolderNameTests
{
    [Theory]
    [InlineData("abc123", "abc123")]
    [InlineData("my-project_1", "my-project_1")]
    [InlineData("Abc", "^abc")]
    [InlineData("ABC", "^a^b^c")]
    public void FromId_MapsUpperCaseLetters(string id, string expected)
    {
        FolderName.FromId(id).Should().Be(expected);
        FolderName.ToId(expected).Should().Be(id);
    }

    [Theory]
    [InlineData(".deleted-abc")]
    [InlineData(".tmp-abc")]
    [InlineData("Upper")]
    [InlineData("^")]
    [InlineData("a^")]
    [InlineData("^1")]
    [InlineData("^A")]
    [InlineData("")]
    public void ToId_NameNotWrittenByFromId_ReturnsNull(string name)
    {
        FolderName.ToId(name).Should().BeNull();
    }
}
