using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Sandboxes.Workspaces;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Sandboxes.Tests.Workspaces;

public sealed class WorkspaceManagerTests
{
    private static readonly HttpClient Http = new();

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_TwiceConcurrently_SharesOneSandbox()
    {
        await using var harness = WorkspaceHarness.Tiny();

        var opens = await Task.WhenAll(
            harness.Manager.OpenAsync("p1", TestTemplates.Name),
            harness.Manager.OpenAsync("p1", TestTemplates.Name));

        opens[0].Should().BeSameAs(opens[1]);
        opens[0].Status.Should().Be(WorkspaceStatus.Ready);
        (await harness.Provider.ListAsync()).Should().ContainSingle(s => s.ProjectId == "p1");
        (await Http.GetStringAsync(opens[0].PreviewUrl)).Should().Contain("tiny");
        harness.Manager.Find("p1").Should().BeSameAs(opens[0]);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task CloseThenOpen_RestoresFilesFromSnapshot()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var events = new List<WorkspaceEvent>();
        harness.Manager.Changed += (_, e) => { lock (events) { events.Add(e); } };
        var first = await harness.Manager.OpenAsync("p2", TestTemplates.Name);
        await first.Sandbox.Files.WriteTextAsync("index.html", "<div id=\"root\">edited</div>");

        await harness.Manager.CloseAsync("p2");
        var second = await harness.Manager.OpenAsync("p2", TestTemplates.Name);

        harness.Snapshots.PersistCount.Should().Be(1);
        first.Status.Should().Be(WorkspaceStatus.Sleeping);
        second.Sandbox.Id.Should().NotBe(first.Sandbox.Id);
        (await second.Sandbox.Files.ReadTextAsync("index.html")).Should().Contain("edited");
        (await Http.GetStringAsync(second.PreviewUrl)).Should().Contain("edited");
        lock (events)
        {
            events.Should().Contain(e => e.Kind == WorkspaceEventKind.StatusChanged && e.Status == WorkspaceStatus.Sleeping);
            events.Should().Contain(e => e.Kind == WorkspaceEventKind.UrlChanged && e.PreviewUrl != null);
            events.Should().Contain(e => e.Kind == WorkspaceEventKind.BuildLog && e.Message!.Contains("tiny server ready"));
        }
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_StoreFails_ThrowsAndKeepsSandboxAndFiles()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("p3", TestTemplates.Name);
        await workspace.Sandbox.Files.WriteTextAsync("notes.txt", "precious");
        harness.Snapshots.Fail = true;

        var persist = () => harness.Manager.PersistAsync("p3", "turn 1");
        var close = () => harness.Manager.CloseAsync("p3");

        await persist.Should().ThrowAsync<IOException>();
        await close.Should().ThrowAsync<IOException>();
        harness.Manager.Find("p3").Should().BeSameAs(workspace);
        workspace.Sandbox.State.Should().Be(SandboxState.Running);
        workspace.Status.Should().Be(WorkspaceStatus.Ready);
        (await workspace.Sandbox.Files.ReadTextAsync("notes.txt")).Should().Be("precious");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task IdleReaper_LeaseExpired_PersistsThenStops()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var harness = WorkspaceHarness.Tiny(time, o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(10);
            o.ReaperInterval = TimeSpan.FromSeconds(30);
        });
        var reaper = new WorkspaceIdleReaper(harness.Manager, time, Microsoft.Extensions.Options.Options.Create(harness.Options));
        var workspace = await harness.Manager.OpenAsync("p4", TestTemplates.Name);
        await reaper.StartAsync(CancellationToken.None);
        try
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await harness.Manager.HeartbeatAsync("p4");
            time.Advance(TimeSpan.FromMinutes(9));
            await Task.Delay(200);
            var stillOpen = harness.Manager.Find("p4");

            time.Advance(TimeSpan.FromMinutes(2));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (harness.Manager.Find("p4") is not null)
            {
                await Task.Delay(50, wait.Token);
            }

            stillOpen.Should().BeSameAs(workspace, "the heartbeat renewed the lease");
            workspace.Status.Should().Be(WorkspaceStatus.Sleeping);
            harness.Snapshots.PersistCount.Should().Be(1);
            (await harness.Snapshots.ListAsync("p4")).Single().Label.Should().Be("idle");
            (await harness.Provider.ListAsync()).Should().NotContain(s => s.ProjectId == "p4");
        }
        finally
        {
            await reaper.StopAsync(CancellationToken.None);
        }
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Sweep_StoreTimesOut_DoesNotThrowAndKeepsWorkspaceOpen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var harness = WorkspaceHarness.Tiny(time, o => o.IdleTimeout = TimeSpan.FromMinutes(10));
        var workspace = await harness.Manager.OpenAsync("p9", TestTemplates.Name);
        await workspace.Sandbox.Files.WriteTextAsync("notes.txt", "precious");
        harness.Snapshots.FailWith = new TaskCanceledException("The request timed out.");
        time.Advance(TimeSpan.FromMinutes(11));

        var sweep = () => harness.Manager.SweepAsync();
        var closeAll = () => harness.Manager.CloseAllAsync(persist: true);

        await sweep.Should().NotThrowAsync("a store timeout is not the reaper being stopped");
        await closeAll.Should().NotThrowAsync("a store timeout is not the host's shutdown being cut short");
        harness.Manager.Find("p9").Should().BeSameAs(workspace);
        workspace.Sandbox.State.Should().Be(SandboxState.Running);
        (await workspace.Sandbox.Files.ReadTextAsync("notes.txt")).Should().Be("precious");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_AfterSandboxCrashed_RecoversByRestore()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var first = await harness.Manager.OpenAsync("p5", TestTemplates.Name);
        await first.Sandbox.Files.WriteTextAsync("index.html", "<div id=\"root\">saved</div>");
        await harness.Manager.PersistAsync("p5");
        await harness.Provider.StopAsync(first.Sandbox.Id);

        await harness.Manager.SweepAsync();
        var second = await harness.Manager.OpenAsync("p5", TestTemplates.Name);

        first.Status.Should().Be(WorkspaceStatus.Error);
        second.Should().NotBeSameAs(first);
        second.Status.Should().Be(WorkspaceStatus.Ready);
        (await Http.GetStringAsync(second.PreviewUrl)).Should().Contain("saved");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_UnknownTemplate_ThrowsAndLeavesNothingRunning()
    {
        await using var harness = WorkspaceHarness.Tiny();

        var act = () => harness.Manager.OpenAsync("p6", "no-such-template");

        await act.Should().ThrowAsync<KeyNotFoundException>();
        (await harness.Provider.ListAsync()).Should().BeEmpty();
        harness.Manager.Find("p6").Should().BeNull();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_InvalidProjectId_ThrowsArgumentException()
    {
        await using var harness = WorkspaceHarness.Tiny();

        var act = () => harness.Manager.OpenAsync("../evil", TestTemplates.Name);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Dispose_StoppingOneSandboxThrows_StillStopsTheOthers()
    {
        FaultyStopProvider? faulty = null;
        await using var harness = WorkspaceHarness.Tiny(wrapProvider: inner => faulty = new FaultyStopProvider(inner, "d1"));
        await harness.Manager.OpenAsync("d1", TestTemplates.Name);
        await harness.Manager.OpenAsync("d2", TestTemplates.Name);
        await harness.Manager.OpenAsync("d3", TestTemplates.Name);

        var dispose = () => harness.Manager.DisposeAsync().AsTask();

        await dispose.Should().NotThrowAsync("a failed stop is logged, not thrown from disposal");
        faulty!.StopAttempts.Should().Contain(["d1", "d2", "d3"]);
        (await harness.Provider.ListAsync()).Select(s => s.ProjectId).Should().BeEquivalentTo(["d1"]);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_FailsBeforeTheSandboxHoldsFiles_RaisesErrorStatus()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var events = new List<WorkspaceEvent>();
        harness.Manager.Changed += (_, e) => { lock (events) { events.Add(e); } };

        var act = () => harness.Manager.OpenAsync("p7", "no-such-template");

        await act.Should().ThrowAsync<KeyNotFoundException>();
        lock (events)
        {
            var statuses = events.Where(e => e.Kind == WorkspaceEventKind.StatusChanged).ToList();
            statuses.Should().NotBeEmpty();
            statuses[^1].Status.Should().Be(WorkspaceStatus.Error);
            statuses[^1].Message.Should().NotBeNullOrEmpty();
        }
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_CancelledWhileStarting_EndsInErrorAndTheNextOpenStarts()
    {
        await using var harness = WorkspaceHarness.Tiny();
        using var cancel = new CancellationTokenSource();
        var events = new List<WorkspaceEvent>();
        harness.Manager.Changed += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }

            if (e.Kind == WorkspaceEventKind.StatusChanged && e.Status == WorkspaceStatus.Starting && e.Message!.Contains("dev server"))
            {
                cancel.Cancel();
            }
        };

        var act = () => harness.Manager.OpenAsync("p8", TestTemplates.Name, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        harness.Manager.Find("p8")!.Status.Should().Be(WorkspaceStatus.Error);
        lock (events)
        {
            var last = events.Last(e => e.Kind == WorkspaceEventKind.StatusChanged);
            last.Status.Should().Be(WorkspaceStatus.Error);
            last.Message.Should().Contain("cancelled");
        }

        var reopened = await harness.Manager.OpenAsync("p8", TestTemplates.Name);
        reopened.Status.Should().Be(WorkspaceStatus.Ready);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Close_WithoutPersist_ForgetsTheProjectAndReopens()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var first = await harness.Manager.OpenAsync("c1", TestTemplates.Name);

        await harness.Manager.CloseAsync("c1", persist: false);

        harness.Manager.EntryCount.Should().Be(0);
        harness.Manager.Find("c1").Should().BeNull();
        first.Status.Should().Be(WorkspaceStatus.Sleeping);
        var second = await harness.Manager.OpenAsync("c1", TestTemplates.Name);
        second.Status.Should().Be(WorkspaceStatus.Ready);
        harness.Manager.Find("c1").Should().BeSameAs(second);
        harness.Manager.EntryCount.Should().Be(1);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_Fails_LeavesNoEntry()
    {
        await using var harness = WorkspaceHarness.Tiny();

        var act = () => harness.Manager.OpenAsync("c2", "no-such-template");

        await act.Should().ThrowAsync<KeyNotFoundException>();
        harness.Manager.EntryCount.Should().Be(0);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task CloseAndOpen_Concurrently_FindMatchesTheRunningSandbox()
    {
        await using var harness = WorkspaceHarness.Tiny();
        await harness.Manager.OpenAsync("c3", TestTemplates.Name);

        for (var i = 0; i < 5; i++)
        {
            await Task.WhenAll(
                harness.Manager.CloseAsync("c3", persist: false),
                harness.Manager.OpenAsync("c3", TestTemplates.Name),
                harness.Manager.CloseAsync("c3", persist: false),
                harness.Manager.OpenAsync("c3", TestTemplates.Name));

            var running = (await harness.Provider.ListAsync()).Count(s => s.ProjectId == "c3");
            var found = harness.Manager.Find("c3");
            running.Should().Be(found is null ? 0 : 1);
            harness.Manager.EntryCount.Should().Be(found is null ? 0 : 1);
        }
    }
}
