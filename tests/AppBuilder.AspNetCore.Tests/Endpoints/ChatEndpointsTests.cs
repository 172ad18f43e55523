using System.Net;
using System.Net.Http.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class ChatEndpointsTests
{
    private static HttpRequestMessage ChatRequest(string projectId, string sessionId, string message) =>
        new(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat") { Content = JsonContent.Create(new { message }) };

    [Fact]
    public async Task Chat_StreamsSseFramesWhoseDataParsesAsTheNamedAgentEventEndingWithDone()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        using var response = await client.SendAsync(ChatRequest(id, session, "write src/App.tsx export default 1"), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var frames = await reader.ReadAllAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        frames.Should().NotBeEmpty();
        foreach (var frame in frames)
        {
            var parsed = AgentEventJson.Deserialize(frame.Data);
            parsed.Should().NotBeNull();
            frame.Event.Should().Be(parsed!.EventName);
        }

        frames.Select(f => f.Event).Should().Equal("tool_call", "file_change", "tool_result", "text", "checkpoint", "done");
        AgentEventJson.Deserialize(frames[^1].Data).Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Completed);
        reader.RawLines.Where(l => l.Length > 0).Should().OnlyContain(l => l.StartsWith("event: ") || l.StartsWith("data: "));
        reader.RawLines.Count(l => l.Length == 0).Should().Be(frames.Count);
    }

    [Fact]
    public async Task Chat_TurnThatRanATool_PersistsACheckpointLabelledWithThePrompt()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        using var response = await client.SendAsync(ChatRequest(id, session, "write a.txt hi"), HttpCompletionOption.ResponseHeadersRead);
        var frames = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        host.Workspaces.Persisted.Should().Equal((id, "write a.txt hi"));
        var checkpoint = AgentEventJson.Deserialize(frames.Single(f => f.Event == "checkpoint").Data).Should().BeOfType<CheckpointCreatedEvent>().Subject;
        checkpoint.FileCount.Should().Be(1);
        host.Workspaces.SandboxOf(id).Snapshot().Should().ContainKey("a.txt");
    }

    [Fact]
    public async Task Chat_TextOnlyTurn_EndsWithoutCheckpoint()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        using var response = await client.SendAsync(ChatRequest(id, session, "hello"), HttpCompletionOption.ResponseHeadersRead);
        var frames = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        frames.Select(f => f.Event).Should().Equal("text", "text", "usage", "done");
        host.Workspaces.Persisted.Should().BeEmpty();
    }

    [Fact]
    public async Task Chat_RunnerThrows_StreamsErrorWithCodeThenFailedDone()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        using var response = await client.SendAsync(ChatRequest(id, session, "fail"), HttpCompletionOption.ResponseHeadersRead);
        var frames = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        frames.Select(f => f.Event).Should().Equal("error", "done");
        AgentEventJson.Deserialize(frames[0].Data).Should().BeOfType<ErrorEvent>().Which.Code.Should().Be("no_recording");
        AgentEventJson.Deserialize(frames[1].Data).Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Failed);
    }

    [Fact]
    public async Task Stop_CancelsTheRunningTurn_StreamEndsWithCancelledDone()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        using var response = await client.SendAsync(ChatRequest(id, session, "wait"), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadAsync())!.Event.Should().Be("text");

        var stop = await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);
        var rest = await reader.ReadAllAsync();

        stop.StatusCode.Should().Be(HttpStatusCode.Accepted);
        rest.Select(f => f.Event).Should().Equal("done");
        AgentEventJson.Deserialize(rest[0].Data).Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Cancelled);
    }

    [Fact]
    public async Task Chat_WhileTheSessionRunsATurn_Returns409()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        using var first = await client.SendAsync(ChatRequest(id, session, "wait"), HttpCompletionOption.ResponseHeadersRead);
        await host.Runner.Waiting.Task;

        using var second = await client.SendAsync(ChatRequest(id, session, "hello"));

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);
    }

    [Fact]
    public async Task Chat_ClientDisconnects_TurnKeepsRunningUntilStopped()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var response = await client.SendAsync(ChatRequest(id, session, "wait"), HttpCompletionOption.ResponseHeadersRead);
        await host.Runner.Waiting.Task;

        response.Dispose();
        var again = await client.SendAsync(ChatRequest(id, session, "hello"));
        await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the first turn is still running after its stream was closed");
    }

    [Fact]
    public async Task Chat_EmptyMessage_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.SendAsync(ChatRequest(id, session, "   "));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Chat_UnknownSession_Returns404()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.SendAsync(ChatRequest(id, "nosuchsession", "hello"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Messages_AfterATurn_ShowsToolCallWithItsResultFoldedIn()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        using (var chat = await client.SendAsync(ChatRequest(id, session, "write b.txt yo"), HttpCompletionOption.ResponseHeadersRead))
        {
            await new SseReader(await chat.Content.ReadAsStreamAsync()).ReadAllAsync();
        }

        var messages = await client.GetFromJsonAsync<MessageJson[]>($"/api/projects/{id}/sessions/{session}/messages");

        messages!.Select(m => m.Role).Should().Equal("user", "assistant", "assistant");
        messages![0].Text.Should().Be("write b.txt yo");
        var call = messages![1].ToolCalls!.Single();
        call.Name.Should().Be("write");
        call.Result.Should().Be("wrote b.txt");
        call.IsError.Should().BeFalse();
        messages![2].Text.Should().Be("Done.");
    }

    private sealed record MessageJson(string Role, string Text, ToolCallJson[]? ToolCalls);

    private sealed record ToolCallJson(string CallId, string Name, string Arguments, string? Result, bool? IsError);
}
