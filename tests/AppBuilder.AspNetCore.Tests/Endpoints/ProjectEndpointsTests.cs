using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class ProjectEndpointsTests
{
    [Fact]
    public async Task Create_WithPrompt_Returns201WithFirstSessionAndPreviewPath()
    {
        await using var host = new AppBuilderTestHost();
        using var client = host.ClientFor("alice");

        var response = await client.PostAsJsonAsync("/api/projects", new { prompt = "Build a todo app\nwith tags", supervised = true });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var project = await response.Content.ReadFromJsonAsync<AppBuilderTestHost.ProjectJson>();
        project!.Title.Should().Be("Build a todo app");
        project.InitialPrompt.Should().Be("Build a todo app\nwith tags");
        project.Supervised.Should().BeTrue();
        project.Template.Should().Be("react-vite-tailwind");
        project.Status.Should().Be("active");
        project.Sessions.Should().ContainSingle();
        project.Workspace.Should().Be(new AppBuilderTestHost.WorkspaceJson("sleeping", $"/preview/{project.Id}/"));
        response.Headers.Location!.ToString().Should().EndWith("/api/projects/" + project.Id);
        (await host.Projects.GetAsync(project.Id))!.OwnerId.Should().Be("alice");
    }

    [Fact]
    public async Task Create_BadTemplateName_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        using var client = host.ClientFor("alice");

        var response = await client.PostAsJsonAsync("/api/projects", new { template = "../../etc" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.Projects.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Create_UnknownTemplate_Returns400NamingTheAvailableOnes()
    {
        await using var host = new AppBuilderTestHost();
        using var client = host.ClientFor("alice");

        var response = await client.PostAsJsonAsync("/api/projects", new { template = "angular-classic" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("react-vite-tailwind");
        (await host.Projects.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task List_ReturnsOnlyTheCallersProjects()
    {
        await using var host = new AppBuilderTestHost();
        var (alices, _) = await host.CreateProjectAsync("alice");
        await host.CreateProjectAsync("bob");
        using var client = host.ClientFor("alice");

        var projects = await client.GetFromJsonAsync<AppBuilderTestHost.ProjectJson[]>("/api/projects");

        projects!.Select(p => p.Id).Should().Equal(alices);
    }

    [Fact]
    public async Task Patch_ChangesTitleAndSupervised()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PatchAsJsonAsync($"/api/projects/{id}", new { title = "Renamed", supervised = true });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = await host.Projects.GetAsync(id);
        stored!.Title.Should().Be("Renamed");
        stored.Supervised.Should().BeTrue();
    }

    [Fact]
    public async Task Patch_EmptyTitle_Returns400AndKeepsTitle()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PatchAsJsonAsync($"/api/projects/{id}", new { title = "  " });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.Projects.GetAsync(id))!.Title.Should().Be("Test app");
    }

    [Fact]
    public async Task Delete_ClosesWorkspaceWithoutPersistingAndRemovesSnapshotsRecordsAndLogs()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        host.Logs.Append(id, new AppBuilder.Logs.ProjectLogEntry(DateTimeOffset.UtcNow, AppBuilder.Logs.ProjectLogKind.Console, "info", "x", "vite"));

        var response = await client.DeleteAsync($"/api/projects/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        host.Workspaces.Closed.Should().Equal((id, false));
        host.Workspaces.Persisted.Should().BeEmpty();
        host.Snapshots.Deleted.Should().Equal(id);
        (await host.Projects.GetAsync(id)).Should().BeNull();
        host.Logs.Read(id, AppBuilder.Logs.ProjectLogKind.Console).Should().BeEmpty();
        (await client.GetAsync($"/api/projects/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ChatArrivesWhileDeleting_Returns409AndDoesNotReopenTheWorkspace()
    {
        await using var host = new AppBuilderTestHost();
        var release = new TaskCompletionSource();
        host.Workspaces.HoldClose = release.Task;
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        var delete = client.DeleteAsync($"/api/projects/{id}");
        await host.Workspaces.CloseEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var chat = await client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message = "hello" });
        release.SetResult();
        using var deleted = await delete;

        chat.StatusCode.Should().Be(HttpStatusCode.Conflict);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        host.Model.Calls.Should().BeEmpty();
        host.Workspaces.Find(id).Should().BeNull("a deleted project keeps no workspace");
    }

    [Fact]
    public async Task Delete_WhileAChatIsOpeningTheWorkspace_CancelsTheChatThenDeletes()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var release = new TaskCompletionSource();
        host.Workspaces.HoldOpen = release.Task;
        var chat = client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message = "hello" });
        await host.Workspaces.OpenHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var deleted = await client.DeleteAsync($"/api/projects/{id}");
        release.SetResult();
        using var chatted = await chat;

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        chatted.StatusCode.Should().Be(HttpStatusCode.Conflict);
        host.Model.Calls.Should().BeEmpty();
        host.Workspaces.Find(id).Should().BeNull();
        (await host.Projects.GetAsync(id)).Should().BeNull();
    }

    [Fact]
    public async Task Delete_OtherUsersProject_Returns404AndDeletesNothing()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var bob = host.ClientFor("bob");

        var response = await bob.DeleteAsync($"/api/projects/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Projects.GetAsync(id)).Should().NotBeNull();
        host.Snapshots.Deleted.Should().BeEmpty();
    }

    [Fact]
    public async Task Open_StartsWorkspaceAndReturnsPreviewPath()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PostAsync($"/api/projects/{id}/open", null);

        var body = await response.Content.ReadFromJsonAsync<AppBuilderTestHost.WorkspaceJson>();
        body!.Should().Be(new AppBuilderTestHost.WorkspaceJson("ready", $"/preview/{id}/"));
        host.Workspaces.Find(id).Should().NotBeNull();
    }

    [Fact]
    public async Task Anonymous_ProjectRoutes_Return401()
    {
        await using var host = new AppBuilderTestHost();
        using var anonymous = host.ClientFor(null);

        var list = await anonymous.GetAsync("/api/projects");
        var create = await anonymous.PostAsJsonAsync("/api/projects", new { title = "x" });

        list.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        create.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.Projects.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Health_Anonymous_ReportsTheStatusOnly()
    {
        await using var host = new AppBuilderTestHost();
        using var anonymous = host.ClientFor(null);

        var response = await anonymous.GetAsync("/api/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("status");
        json.RootElement.GetProperty("status").GetString().Should().Be("ok");
    }

    [Fact]
    public async Task Health_SignedIn_ReportsModelAndSandbox()
    {
        await using var host = new AppBuilderTestHost();
        using var alice = host.ClientFor("alice");

        var response = await alice.GetAsync("/api/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("status").GetString().Should().Be("ok");
        json.RootElement.GetProperty("model").GetProperty("isReplay").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
        json.RootElement.GetProperty("model").GetProperty("provider").GetString().Should().NotBeNullOrEmpty();
        json.RootElement.GetProperty("sandbox").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Sessions_CreateThenList_ReturnsBoth()
    {
        await using var host = new AppBuilderTestHost();
        var (id, first) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var created = await client.PostAsJsonAsync($"/api/projects/{id}/sessions", new { title = "Styling" });
        var sessions = await client.GetFromJsonAsync<AppBuilderTestHost.SessionJson[]>($"/api/projects/{id}/sessions");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        sessions!.Select(s => s.Title).Should().Equal("Chat", "Styling");
        sessions![0].Id.Should().Be(first);
    }
}
