using AppBuilder.Internal;

namespace AppBuilder.AspNetCore.Tests.Shared;

/// <summary>The shared capped reader (src/Shared/CappedStream.cs) behind every raw request body.</summary>
public sealed class CappedStreamTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 100)]
    [InlineData(200_000, 200_000)]
    public async Task ReadToEndAsync_AtMostTheCap_ReturnsEveryByte(int length, int cap)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var read = await CappedStream.ReadToEndAsync(new MemoryStream(bytes), cap, CancellationToken.None);

        read.Should().NotBeNull();
        read!.Value.ToArray().Should().Equal(bytes);
    }

    [Theory]
    [InlineData(101, 100)]
    [InlineData(1, 0)]
    [InlineData(200_001, 200_000)]
    public async Task ReadToEndAsync_OverTheCap_ReturnsNull(int length, int cap)
    {
        var read = await CappedStream.ReadToEndAsync(new MemoryStream(new byte[length]), cap, CancellationToken.None);

        read.Should().BeNull();
    }

    [Fact]
    public async Task ReadToEndAsync_EndlessStream_StopsSoonAfterTheCap()
    {
        var endless = new EndlessStream();

        var read = await CappedStream.ReadToEndAsync(endless, 1_000_000, CancellationToken.None);

        read.Should().BeNull();
        endless.Served.Should().BeLessThan(1_000_000 + 2 * 81920);
    }

    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
