using AppBuilder.AspNetCore.Approvals;
using AppBuilder.Events;
using AppBuilder.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.AspNetCore.Tests.Approvals;

public sealed class ToolApprovalGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ToolApprovalGate _gate;

    public ToolApprovalGateTests() =>
        _gate = new ToolApprovalGate(Options.Create(new AppBuilderOptions { ApprovalTimeout = TimeSpan.FromMinutes(5) }), _time,
            NullLogger<ToolApprovalGate>.Instance);

    private static ApprovalRequestedEvent Request(string id = "a1") => new(id, "call-1", "write", "{}");

    [Fact]
    public async Task Wait_ResolvedApproved_ReturnsTrueAndForgetsIt()
    {
        var waiting = _gate.WaitForApprovalAsync(Request(), "p1");

        _gate.List("p1").Should().ContainSingle().Which.Request.ApprovalId.Should().Be("a1");
        _gate.TryResolve("p1", "a1", approved: true).Should().BeTrue();

        (await waiting).Should().BeTrue();
        _gate.List("p1").Should().BeEmpty();
    }

    [Fact]
    public async Task Resolve_FromAnotherProject_IsNotFoundAndLeavesItPending()
    {
        var waiting = _gate.WaitForApprovalAsync(Request(), "p1");

        _gate.TryResolve("p2", "a1", approved: true).Should().BeFalse();

        waiting.IsCompleted.Should().BeFalse();
        _gate.TryResolve("p1", "a1", approved: false);
        (await waiting).Should().BeFalse();
    }

    [Fact]
    public async Task Wait_TimeoutPasses_CountsAsDenied()
    {
        var waiting = _gate.WaitForApprovalAsync(Request(), "p1");

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        (await waiting).Should().BeFalse();
        _gate.List("p1").Should().BeEmpty();
    }

    [Fact]
    public async Task Wait_Cancelled_CountsAsDenied()
    {
        using var cts = new CancellationTokenSource();
        var waiting = _gate.WaitForApprovalAsync(Request(), "p1", cts.Token);

        await cts.CancelAsync();

        (await waiting).Should().BeFalse();
    }

    [Fact]
    public async Task DenyAll_DeniesEveryPendingApprovalOfTheProjectOnly()
    {
        var first = _gate.WaitForApprovalAsync(Request("a1"), "p1");
        var second = _gate.WaitForApprovalAsync(Request("a2"), "p1");
        var other = _gate.WaitForApprovalAsync(Request("a3"), "p2");

        _gate.DenyAll("p1");

        (await first).Should().BeFalse();
        (await second).Should().BeFalse();
        other.IsCompleted.Should().BeFalse();
        _gate.TryResolve("p2", "a3", true);
        (await other).Should().BeTrue();
    }
}
