using System.Net;
using System.Net.Http.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;
using AppBuilder.Testing;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class ApprovalEndpointsTests
{
    private static async Task<(HttpResponseMessage Response, SseReader Reader, ApprovalRequestedEvent Request)> StartSupervisedWriteAsync(
        AppBuilderTestHost host, HttpClient client, string id, string session, string path)
    {
        host.Model.Enqueue(ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = path, content = "x" }), ScriptedResponse.FromText("ok"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{id}/sessions/{session}/chat")
        {
            Content = JsonContent.Create(new { message = $"please add {path}" }),
        };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        SseFrame? approval;
        do
        {
            approval = await reader.ReadAsync();
        }
        while (approval is not null && approval.Event != "approval_request");

        approval.Should().NotBeNull("a supervised write waits for approval");
        return (response, reader, (ApprovalRequestedEvent)AgentEventJson.Deserialize(approval!.Data)!);
    }

    [Fact]
    public async Task Supervised_ApproveThePendingCall_TheToolRuns()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice", supervised: true);
        using var client = host.ClientFor("alice");
        var (response, reader, request) = await StartSupervisedWriteAsync(host, client, id, session, "approved.txt");
        using var _ = response;

        var pending = await client.GetFromJsonAsync<ApprovalJson[]>($"/api/projects/{id}/approvals");
        var resolve = await client.PostAsJsonAsync($"/api/projects/{id}/approvals/{request.ApprovalId}", new { approved = true });
        var rest = await reader.ReadAllAsync();

        pending!.Should().ContainSingle().Which.Should().Be(new ApprovalJson(request.ApprovalId, "call-1", "write"));
        request.ToolName.Should().Be("write");
        resolve.StatusCode.Should().Be(HttpStatusCode.NoContent);
        rest.Select(f => f.Event).Should().StartWith("approval_resolved").And.Contain("file_change").And.EndWith("done");
        host.Workspaces.SandboxOf(id).FileSystem.GetText("approved.txt").Should().Be("x");
        (await client.GetFromJsonAsync<ApprovalJson[]>($"/api/projects/{id}/approvals")).Should().BeEmpty();
    }

    [Fact]
    public async Task Supervised_DenyThePendingCall_NothingIsWritten()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice", supervised: true);
        using var client = host.ClientFor("alice");
        var (response, reader, request) = await StartSupervisedWriteAsync(host, client, id, session, "denied.txt");
        using var _ = response;

        await client.PostAsJsonAsync($"/api/projects/{id}/approvals/{request.ApprovalId}", new { approved = false });
        var rest = await reader.ReadAllAsync();

        AgentEventJson.Deserialize(rest[0].Data).Should().BeOfType<ApprovalResolvedEvent>().Which.Approved.Should().BeFalse();
        rest.Select(f => f.Event).Should().NotContain("file_change").And.EndWith("done");
        host.Workspaces.SandboxOf(id).FileSystem.GetText("denied.txt").Should().BeNull();
    }

    [Fact]
    public async Task Resolve_UnknownApproval_Returns404()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PostAsJsonAsync($"/api/projects/{id}/approvals/nope", new { approved = true });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resolve_WithoutApprovedField_Returns400AndLeavesItPending()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice", supervised: true);
        using var client = host.ClientFor("alice");
        var (response, _, request) = await StartSupervisedWriteAsync(host, client, id, session, "x.txt");
        using var _ = response;

        var resolve = await client.PostAsJsonAsync($"/api/projects/{id}/approvals/{request.ApprovalId}", new { });

        resolve.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetFromJsonAsync<ApprovalJson[]>($"/api/projects/{id}/approvals")).Should().ContainSingle();
        await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);
    }

    private sealed record ApprovalJson(string ApprovalId, string CallId, string ToolName);
}
