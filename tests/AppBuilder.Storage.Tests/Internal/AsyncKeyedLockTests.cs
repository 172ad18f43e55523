using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.Tests.Internal;

public sealed class AsyncKeyedLockTests
{
    [Fact]
    public async Task Acquire_SameKeyHeld_WaitsUntilReleased()
    {
        var locks = new AsyncKeyedLock();
        var first = await locks.AcquireAsync("a");

        var second = locks.AcquireAsync("a").AsTask();

        second.IsCompleted.Should().BeFalse();
        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task Acquire_OtherKey_DoesNotWait()
    {
        var locks = new AsyncKeyedLock();
        using var first = await locks.AcquireAsync("a");

        var other = locks.AcquireAsync("b");

        other.IsCompleted.Should().BeTrue();
        (await other).Dispose();
    }

    [Fact]
    public async Task Release_LastHolder_ForgetsTheKey()
    {
        var locks = new AsyncKeyedLock();
        var held = await locks.AcquireAsync("a");
        var waiting = locks.AcquireAsync("a").AsTask();
        locks.Count.Should().Be(1);

        held.Dispose();
        (await waiting).Dispose();

        locks.Count.Should().Be(0);
    }

    [Fact]
    public async Task Acquire_CancelledWhileWaiting_ThrowsAndForgetsItsClaim()
    {
        var locks = new AsyncKeyedLock();
        var held = await locks.AcquireAsync("a");
        using var cancellation = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("a", cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await waiting.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        held.Dispose();
        locks.Count.Should().Be(0);
    }
}
