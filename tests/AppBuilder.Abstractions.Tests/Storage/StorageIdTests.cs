using AppBuilder.Storage;

namespace AppBuilder.Abstractions.Tests.Storage;

public sealed class StorageIdTests
{
    [Fact]
    public void New_ReturnsDistinctValidIds()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => StorageId.New()).ToList();

        ids.Should().OnlyHaveUniqueItems().And.OnlyContain(id => StorageId.IsValid(id) && id.Length == 16);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("A-b_9")]
    public void IsValid_SafeId_True(string id)
    {
        StorageId.IsValid(id).Should().BeTrue();
        StorageId.Validate(id).Should().Be(id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("x\0")]
    public void Validate_HostileOrEmptyId_ThrowsArgumentException(string? id)
    {
        StorageId.IsValid(id).Should().BeFalse();
        var act = () => StorageId.Validate(id, "projectId");

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("projectId");
    }

    [Fact]
    public void Validate_TooLong_Throws()
    {
        StorageId.IsValid(new string('a', 64)).Should().BeTrue();
        StorageId.IsValid(new string('a', 65)).Should().BeFalse();
    }
}
