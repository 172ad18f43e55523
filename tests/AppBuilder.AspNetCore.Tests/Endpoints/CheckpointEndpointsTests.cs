using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class CheckpointEndpointsTests
{
    private static SnapshotFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    private static async Task SeedAsync(AppBuilderTestHost host, string id)
    {
        await host.Snapshots.PersistAsync(id, [File("src/App.tsx", "one")], "make a todo app");
        await host.Snapshots.PersistAsync(id, [File("src/App.tsx", "two"), File("src/Extra.tsx", "extra")], "add a footer");
    }

    [Fact]
    public async Task List_ReturnsTheCheckpointsNewestFirstWithTheirLabels()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");

        var list = await client.GetFromJsonAsync<CheckpointJson[]>($"/api/projects/{id}/checkpoints");

        list!.Select(c => (c.Number, c.FileCount, c.Label)).Should().Equal((2, 2, "add a footer"), (1, 1, "make a todo app"));
        list.Should().OnlyContain(c => c.CreatedAt > DateTimeOffset.MinValue);
    }

    [Fact]
    public async Task List_ProjectWithoutCheckpoints_ReturnsEmpty()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var list = await client.GetFromJsonAsync<CheckpointJson[]>($"/api/projects/{id}/checkpoints");

        list.Should().BeEmpty();
    }

    [Fact]
    public async Task Restore_ReturnsTheNewCheckpointRestoresTheFilesAndBroadcastsCheckpoint()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        await host.Workspaces.SandboxOf(id).Files.WriteTextAsync("src/Extra.tsx", "extra");
        await using var tab = await host.ConnectHubAsync("alice");
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        tab.On<JsonElement>("checkpoint", payload => received.TrySetResult(payload));
        await tab.InvokeAsync("JoinProject", id);

        var response = await client.PostAsync($"/api/projects/{id}/checkpoints/1/restore", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<CheckpointJson>();
        body.Should().BeEquivalentTo(new { Number = 3, FileCount = 1, Label = "Restored checkpoint 1" });
        host.Workspaces.Restored.Should().Equal((id, 1));
        var files = host.Workspaces.SandboxOf(id).Files;
        (await files.ReadTextAsync("src/App.tsx")).Should().Be("one");
        (await files.ExistsAsync("src/Extra.tsx")).Should().BeFalse();
        var payload = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        payload.GetProperty("projectId").GetString().Should().Be(id);
        payload.GetProperty("number").GetInt32().Should().Be(3);
        payload.GetProperty("restoredFrom").GetInt32().Should().Be(1);
        (await client.GetFromJsonAsync<CheckpointJson[]>($"/api/projects/{id}/checkpoints"))![0].Label.Should().Be("Restored checkpoint 1");
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task Restore_UnknownCheckpoint_Returns404AndRecordsNothing(string number)
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");

        var response = await client.PostAsync($"/api/projects/{id}/checkpoints/{number}/restore", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Snapshots.ListAsync(id)).Should().HaveCount(2);
        host.Workspaces.Restored.Should().BeEmpty();
    }

    [Fact]
    public async Task Restore_WhileATurnRunsInAnotherSession_Returns409AndRestoresNothing()
    {
        await using var host = new AppBuilderTestHost();
        var release = new TaskCompletionSource();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(release.Task));
        var (id, session) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");
        using var chat = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{id}/sessions/{session}/chat")
        {
            Content = JsonContent.Create(new { message = "long job" }),
        }, HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await chat.Content.ReadAsStreamAsync());
        (await reader.ReadAsync())!.Event.Should().Be("text");

        var response = await client.PostAsync($"/api/projects/{id}/checkpoints/1/restore", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        host.Workspaces.Restored.Should().BeEmpty();
        release.SetResult();
        (await reader.ReadAllAsync()).Select(f => f.Event).Should().EndWith("done");
        (await client.PostAsync($"/api/projects/{id}/checkpoints/1/restore", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Chat_WhileARestoreRuns_Returns409AndTheModelIsNotCalled()
    {
        await using var host = new AppBuilderTestHost();
        var release = new TaskCompletionSource();
        host.Workspaces.HoldRestore = release.Task;
        var (id, session) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");
        var restore = client.PostAsync($"/api/projects/{id}/checkpoints/1/restore", null);
        await host.Workspaces.RestoreEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var chat = await client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message = "hello" });
        release.SetResult();
        using var restored = await restore;

        chat.StatusCode.Should().Be(HttpStatusCode.Conflict);
        host.Model.Calls.Should().BeEmpty();
        restored.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListAndRestore_AnotherUsersProject_Return404()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var bob = host.ClientFor("bob");

        var list = await bob.GetAsync($"/api/projects/{id}/checkpoints");
        var restore = await bob.PostAsync($"/api/projects/{id}/checkpoints/1/restore", null);

        list.StatusCode.Should().Be(HttpStatusCode.NotFound);
        restore.StatusCode.Should().Be(HttpStatusCode.NotFound);
        host.Workspaces.Restored.Should().BeEmpty();
        (await host.Snapshots.ListAsync(id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Diff_TwoCheckpoints_ReturnsTheChangedFilesWithUnifiedDiffs()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/checkpoints/1/diff/2");

        diff.GetProperty("from").GetInt32().Should().Be(1);
        diff.GetProperty("to").GetInt32().Should().Be(2);
        var files = diff.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => (f.GetProperty("path").GetString(), f.GetProperty("change").GetString(), f.GetProperty("content").GetString()))
            .Should().Equal(("src/App.tsx", "modified", "text"), ("src/Extra.tsx", "added", "text"));
        files[0].GetProperty("diff").GetString().Should().Be(
            "--- a/src/App.tsx\n+++ b/src/App.tsx\n@@ -1 +1 @@\n-one\n\\ No newline at end of file\n+two\n\\ No newline at end of file\n");
        files[1].GetProperty("oldSize").ValueKind.Should().Be(JsonValueKind.Null);
        files[1].GetProperty("newSize").GetInt64().Should().Be(5);
    }

    [Fact]
    public async Task Diff_ToCurrent_OpenProject_ComparesWithTheSandboxFilesLeavingIgnoredOnesOut()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        var sandbox = host.Workspaces.SandboxOf(id).Files;
        await sandbox.WriteTextAsync("src/App.tsx", "two");
        await sandbox.WriteTextAsync("src/Extra.tsx", "extra");
        await sandbox.WriteTextAsync("src/New.tsx", "new\n");
        await sandbox.WriteTextAsync("secrets/.env", "KEY=1\n");
        await sandbox.WriteTextAsync(".appbuilderignore", "secrets/\n");

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/checkpoints/2/diff/current");

        diff.GetProperty("to").ValueKind.Should().Be(JsonValueKind.Null);
        diff.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString())
            .Should().Equal(".appbuilderignore", "src/New.tsx");
    }

    [Fact]
    public async Task Diff_ToCurrent_ClosedProject_ComparesWithTheLatestCheckpoint()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/checkpoints/1/diff/current");

        diff.GetProperty("to").GetInt32().Should().Be(2);
        diff.GetProperty("files").GetArrayLength().Should().Be(2);
    }

    [Theory]
    [InlineData("1/diff/3")]
    [InlineData("9/diff/1")]
    [InlineData("0/diff/1")]
    [InlineData("x/diff/1")]
    [InlineData("1/diff/latest")]
    public async Task Diff_UnknownOrMalformedCheckpoint_Returns404(string route)
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await SeedAsync(host, id);
        using var client = host.ClientFor("alice");

        var response = await client.GetAsync($"/api/projects/{id}/checkpoints/{route}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private sealed record CheckpointJson(int Number, DateTimeOffset CreatedAt, int FileCount, string? Label);
}
