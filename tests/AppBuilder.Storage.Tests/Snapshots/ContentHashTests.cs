using System.Text;
using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.Tests.Snapshots;

public sealed class ContentHashTests
{
    [Fact]
    public void Compute_KnownInput_ReturnsLowerHexSha256()
    {
        ContentHash.Compute(Encoding.ASCII.GetBytes("abc"))
            .Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Theory]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("ba7816bf")]
    [InlineData("../../../../../../../../../../../../../../../../../../../../etc/p")]
    [InlineData(null)]
    public void IsValid_NotLowerHex64_ReturnsFalse(string? hash)
    {
        ContentHash.IsValid(hash).Should().BeFalse();
    }
}
