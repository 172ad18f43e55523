using AppBuilder.Sandboxes.Tests.Fakes;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.Workspaces;

public sealed class WorkspaceManagerRestoreTests
{
    private static readonly HttpClient Http = new();

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_RunningWorkspace_MakesFilesExactlyTheCheckpointAndRecordsANewOne()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r1", TestTemplates.Name);
        var files = workspace.Sandbox.Files;
        await files.WriteTextAsync("src/App.tsx", "version 1");
        var first = await harness.Manager.PersistAsync("r1", "make an app");
        await files.WriteTextAsync("src/App.tsx", "version 2");
        await files.WriteTextAsync("index.html", "<div id=\"root\">changed</div>");
        await files.WriteTextAsync("src/components/New.tsx", "added later");
        await files.WriteTextAsync("node_modules/pkg/index.js", "installed");
        await files.WriteTextAsync("dist/app.js", "built");
        await harness.Manager.PersistAsync("r1", "change it");

        var restored = await harness.Manager.RestoreAsync("r1", first!.Number);

        (await files.ReadTextAsync("src/App.tsx")).Should().Be("version 1");
        (await files.ReadTextAsync("index.html")).Should().Contain("tiny");
        (await files.ExistsAsync("src/components/New.tsx")).Should().BeFalse();
        (await files.ExistsAsync("src/components")).Should().BeFalse();
        (await files.ReadTextAsync("node_modules/pkg/index.js")).Should().Be("installed");
        (await files.ReadTextAsync("dist/app.js")).Should().Be("built");
        restored.Number.Should().Be(3);
        restored.Label.Should().Be("Restored checkpoint 1");
        restored.FileCount.Should().Be(first.FileCount);
        (await harness.Snapshots.ListAsync("r1")).Select(s => s.Label).Should().Equal("make an app", "change it", "Restored checkpoint 1");
        (await Http.GetStringAsync(workspace.PreviewUrl)).Should().Contain("tiny");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_FilesTheIgnoreFileExcludes_AreInNoCheckpointAndLeftInPlace()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r4", TestTemplates.Name);
        var files = workspace.Sandbox.Files;
        await files.WriteTextAsync(".appbuilderignore", "/.env.local\nscratch/\n");
        await files.WriteTextAsync("src/App.tsx", "version 1");
        var first = await harness.Manager.PersistAsync("r4", "first");
        await files.WriteTextAsync(".env.local", "API_KEY=local");
        await files.WriteTextAsync("scratch/notes.md", "mine");
        await files.WriteTextAsync("src/App.tsx", "version 2");
        await harness.Manager.PersistAsync("r4", "second");

        await harness.Manager.RestoreAsync("r4", first!.Number);

        (await files.ReadTextAsync("src/App.tsx")).Should().Be("version 1");
        (await files.ReadTextAsync(".env.local")).Should().Be("API_KEY=local");
        (await files.ReadTextAsync("scratch/notes.md")).Should().Be("mine");
        (await harness.Snapshots.RestoreAsync("r4", 2))!.Select(f => f.Path).Should().NotContain([".env.local", "scratch/notes.md"]);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_UnknownCheckpoint_ThrowsCheckpointNotFoundAndChangesNothing()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r2", TestTemplates.Name);
        await harness.Manager.PersistAsync("r2", "first");
        await workspace.Sandbox.Files.WriteTextAsync("notes.txt", "keep me");

        var restore = () => harness.Manager.RestoreAsync("r2", 7);

        (await restore.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("checkpoint_not_found");
        (await workspace.Sandbox.Files.ReadTextAsync("notes.txt")).Should().Be("keep me");
        (await harness.Snapshots.ListAsync("r2")).Should().HaveCount(1);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_ProjectNotOpen_StoresTheCheckpointThatTheNextOpenRestores()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r3", TestTemplates.Name);
        await workspace.Sandbox.Files.WriteTextAsync("page.txt", "old");
        await harness.Manager.PersistAsync("r3", "old page");
        await workspace.Sandbox.Files.WriteTextAsync("page.txt", "new");
        await workspace.Sandbox.Files.WriteTextAsync("extra.txt", "new file");
        await harness.Manager.CloseAsync("r3");

        var restored = await harness.Manager.RestoreAsync("r3", 1);
        var reopened = await harness.Manager.OpenAsync("r3", TestTemplates.Name);

        restored.Number.Should().Be(3);
        restored.Label.Should().Be("Restored checkpoint 1");
        (await reopened.Sandbox.Files.ReadTextAsync("page.txt")).Should().Be("old");
        (await reopened.Sandbox.Files.ExistsAsync("extra.txt")).Should().BeFalse();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_PackageJsonChanged_ReconcilesDependenciesAndRestartsTheDevServer()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r4", TestTemplates.Name);
        await harness.Manager.PersistAsync("r4", "no dependencies");
        await workspace.Sandbox.Files.WriteTextAsync("package.json", "{ \"name\": \"r4\", \"private\": true }");
        var before = harness.Manager.GetSupervisor("r4");

        await harness.Manager.RestoreAsync("r4", 1);

        (await workspace.Sandbox.Files.ExistsAsync("package.json")).Should().BeFalse();
        harness.Manager.GetSupervisor("r4").Should().NotBeNull().And.NotBeSameAs(before);
        workspace.Status.Should().Be(WorkspaceStatus.Ready);
        (await Http.GetStringAsync(workspace.PreviewUrl)).Should().Contain("tiny");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_OnlySourceChanged_KeepsTheRunningDevServer()
    {
        await using var harness = WorkspaceHarness.Tiny();
        var workspace = await harness.Manager.OpenAsync("r5", TestTemplates.Name);
        await harness.Manager.PersistAsync("r5", "first");
        await workspace.Sandbox.Files.WriteTextAsync("index.html", "<div id=\"root\">second</div>");
        var before = harness.Manager.GetSupervisor("r5");

        await harness.Manager.RestoreAsync("r5", 1);

        harness.Manager.GetSupervisor("r5").Should().BeSameAs(before);
        (await Http.GetStringAsync(workspace.PreviewUrl)).Should().Contain("tiny");
    }
}
