using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.Workspaces;

/// <summary>With several hosts, the workspace manager acts only on projects its <see cref="IWorkspaceOwnership"/> says
/// this host owns, and fences those it lost.</summary>
public sealed class WorkspaceManagerOwnershipTests
{
    [Fact]
    public async Task Open_ProjectOwnedElsewhere_ThrowsAndCreatesNothing()
    {
        var ownership = new SwitchableOwnership();
        await using var harness = WorkspaceHarness.Tiny(ownership: ownership);

        var open = () => harness.Manager.OpenAsync("p1", TestTemplates.Name);

        (await open.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("workspace_not_owned");
        (await harness.Provider.ListAsync()).Should().BeEmpty();
        harness.Manager.Find("p1").Should().BeNull();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task OwnershipLost_PersistRefused_SweepStopsWithoutPersisting()
    {
        var ownership = new SwitchableOwnership { Owned = true };
        await using var harness = WorkspaceHarness.Tiny(ownership: ownership);
        var workspace = await harness.Manager.OpenAsync("p2", TestTemplates.Name);
        await harness.Manager.PersistAsync("p2", "while owned");

        ownership.Owned = false;
        var persist = () => harness.Manager.PersistAsync("p2", "after losing it");
        var refused = await persist.Should().ThrowAsync<AppBuilderException>();
        await harness.Manager.HeartbeatAsync("p2");
        await harness.Manager.SweepAsync();

        refused.Which.ErrorCode.Should().Be("workspace_not_owned");
        harness.Snapshots.PersistCount.Should().Be(1, "only the persist made while the host owned the project");
        harness.Manager.Find("p2").Should().BeNull("the sweep fenced it");
        workspace.Status.Should().Be(WorkspaceStatus.Sleeping);
        (await harness.Provider.ListAsync()).Should().NotContain(s => s.ProjectId == "p2");
    }

    private sealed class SwitchableOwnership : IWorkspaceOwnership
    {
        public volatile bool Owned;

        public bool IsOwned(string projectId) => Owned;
    }
}
