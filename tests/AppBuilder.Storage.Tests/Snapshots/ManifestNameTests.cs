using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.Tests.Snapshots;

public sealed class ManifestNameTests
{
    [Theory]
    [InlineData(1, "000001.json")]
    [InlineData(123456, "123456.json")]
    [InlineData(1234567, "1234567.json")]
    public void Format_ThenParse_RoundTrips(int number, string name)
    {
        ManifestName.Format(number).Should().Be(name);
        ManifestName.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(number);
    }

    [Theory]
    [InlineData("1.json")]
    [InlineData("0000001.json")]
    [InlineData("000000.json")]
    [InlineData("-00001.json")]
    [InlineData("000001.json.tmp")]
    [InlineData(".tmp-000001.json")]
    [InlineData("00000a.json")]
    [InlineData("99999999999.json")]
    public void TryParse_OtherNames_ReturnsFalse(string name)
    {
        ManifestName.TryParse(name, out _).Should().BeFalse();
    }
}
