using System.Net;
using System.Net.Http.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;
using AppBuilder.Testing;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

/// <summary>Chat over SSE with the real agent and a scripted model.</summary>
public sealed class ChatEndpointsTests
{
    private static HttpRequestMessage ChatRequest(string projectId, string sessionId, string message) =>
        new(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat") { Content = JsonContent.Create(new { message }) };

    private static ScriptedResponse Write(string path, string content) =>
        ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = path, content });

    private static async Task<List<SseFrame>> ChatAsync(HttpClient client, string id, string session, string message)
    {
        using var response = await client.SendAsync(ChatRequest(id, session, message), HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
    }

    [Fact]
    public async Task Chat_StreamsSseFramesWhoseDataParsesAsTheNamedAgentEventEndingWithDone()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(Write("src/App.tsx", "export default () => null;"), ScriptedResponse.FromText("Done", "!").Usage(10, 2));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        using var response = await client.SendAsync(ChatRequest(id, session, "make an app"), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var frames = await reader.ReadAllAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var events = frames.Select(f => (Frame: f, Event: AgentEventJson.Deserialize(f.Data))).ToList();
        events.Should().OnlyContain(e => e.Event != null && e.Frame.Event == e.Event.EventName);
        frames.Select(f => f.Event).Should().StartWith("tool_call").And.Contain(["file_change", "tool_result", "text", "usage"]);
        frames.Select(f => f.Event).TakeLast(2).Should().Equal("checkpoint", "done");
        events[^1].Event.Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Completed);
        string.Concat(events.Select(e => e.Event).OfType<TextDeltaEvent>().Select(t => t.Text)).Should().Be("Done!");
        reader.RawLines.Where(l => l.Length > 0).Should().OnlyContain(l => l.StartsWith("event: ") || l.StartsWith("data: "));
        reader.RawLines.Count(l => l.Length == 0).Should().Be(frames.Count);
    }

    [Fact]
    public async Task Chat_TurnThatRanATool_PersistsACheckpointLabelledWithThePrompt()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(Write("a.txt", "hi"), ScriptedResponse.FromText("ok"));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var frames = await ChatAsync(client, id, session, "add a.txt");

        host.Workspaces.Persisted.Should().Equal((id, "add a.txt"));
        AgentEventJson.Deserialize(frames.Single(f => f.Event == "checkpoint").Data).Should().BeOfType<CheckpointCreatedEvent>()
            .Which.FileCount.Should().Be(1);
        host.Workspaces.SandboxOf(id).FileSystem.GetText("a.txt").Should().Be("hi");
    }

    [Fact]
    public async Task Chat_TextOnlyTurn_EndsWithoutCheckpoint()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.FromText("Hello ", "there."));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var frames = await ChatAsync(client, id, session, "hi");

        frames.Select(f => f.Event).Should().NotContain("checkpoint").And.EndWith("done");
        host.Workspaces.Persisted.Should().BeEmpty();
    }

    [Fact]
    public async Task Chat_ModelFailsWithACode_StreamsErrorWithThatCodeThenFailedDone()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.Failing(new AppBuilderException("No recording for this prompt.", "no_recording")));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var frames = await ChatAsync(client, id, session, "unrecorded");

        frames.Select(f => f.Event).TakeLast(2).Should().Equal("error", "done");
        AgentEventJson.Deserialize(frames[^2].Data).Should().BeOfType<ErrorEvent>().Which.Code.Should().Be("no_recording");
        AgentEventJson.Deserialize(frames[^1].Data).Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Failed);
    }

    [Fact]
    public async Task Stop_CancelsTheRunningTurn_StreamEndsWithCancelledDone()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(new TaskCompletionSource().Task));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        using var response = await client.SendAsync(ChatRequest(id, session, "long job"), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadAsync())!.Event.Should().Be("text");

        var stop = await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);
        var rest = await reader.ReadAllAsync();

        stop.StatusCode.Should().Be(HttpStatusCode.Accepted);
        rest.Select(f => f.Event).Should().EndWith("done");
        AgentEventJson.Deserialize(rest[^1].Data).Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Cancelled);
    }

    [Fact]
    public async Task Chat_WhileTheSessionRunsATurn_Returns409ButAnotherSessionMayChat()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(new TaskCompletionSource().Task), ScriptedResponse.FromText("second tab"));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        using var first = await client.SendAsync(ChatRequest(id, session, "long job"), HttpCompletionOption.ResponseHeadersRead);
        await new SseReader(await first.Content.ReadAsStreamAsync()).ReadAsync();
        var other = await (await client.PostAsJsonAsync($"/api/projects/{id}/sessions", new { })).Content.ReadFromJsonAsync<AppBuilderTestHost.SessionJson>();

        using var second = await client.SendAsync(ChatRequest(id, session, "hello"));
        var otherFrames = await ChatAsync(client, id, other!.Id, "hello from tab 2");

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        otherFrames.Select(f => f.Event).Should().EndWith("done");
        await client.PostAsync($"/api/projects/{id}/sessions/{session}/stop", null);
    }

    [Fact]
    public async Task Chat_ClientDisconnects_TurnRunsOnToCompletion()
    {
        await using var host = new AppBuilderTestHost();
        var release = new TaskCompletionSource();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(release.Task).ToolCall("call-1", "write", new { file_path = "late.txt", content = "x" }),
            ScriptedResponse.FromText("finished"));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var response = await client.SendAsync(ChatRequest(id, session, "long job"), HttpCompletionOption.ResponseHeadersRead);
        await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAsync();

        response.Dispose();
        release.SetResult();
        (await host.Workspaces.PersistCalled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(id);

        host.Workspaces.SandboxOf(id).FileSystem.GetText("late.txt").Should().Be("x");
    }

    [Fact]
    public async Task Chat_EmptyMessage_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.SendAsync(ChatRequest(id, session, "   "));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Model.Calls.Should().BeEmpty();
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
    public async Task Messages_AfterATurn_ShowsTheToolCallWithItsResultFoldedIn()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(Write("b.txt", "yo"), ScriptedResponse.FromText("Done."));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await ChatAsync(client, id, session, "add b.txt");

        var messages = await client.GetFromJsonAsync<MessageJson[]>($"/api/projects/{id}/sessions/{session}/messages");

        messages!.Select(m => m.Role).Should().Equal("user", "assistant", "assistant");
        messages![0].Text.Should().Be("add b.txt");
        var call = messages![1].ToolCalls!.Single();
        call.Name.Should().Be("write");
        call.Arguments.Should().Contain("b.txt");
        call.Result.Should().NotBeNullOrEmpty();
        call.IsError.Should().BeFalse();
        messages![2].Text.Should().Be("Done.");
    }

    private sealed record MessageJson(string Role, string Text, ToolCallJson[]? ToolCalls);

    private sealed record ToolCallJson(string CallId, string Name, string Arguments, string? Result, bool? IsError);
}
