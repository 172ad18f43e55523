using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.AspNetCore.Tests.Fixes;

/// <summary>The capture → preview error → fix turn pipeline through the real host, with a scripted model.</summary>
public sealed class PreviewErrorEndpointsTests
{
    private const string RuntimeBatch = """
        [{"kind":"console","level":"error","message":"Uncaught TypeError: boom","error":{"type":"runtime","message":"TypeError: boom",
          "stack":"TypeError: boom\n    at App (http://localhost/src/App.tsx?t=1:3:9)"}}]
        """;

    private static async Task PostLogsAsync(HttpClient client, string projectId, string batch)
    {
        var response = await client.PostAsync($"/api/projects/{projectId}/logs", new StringContent(batch, Encoding.UTF8, "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a chat message and reads the whole stream (the test server sends no headers before the first event).</summary>
    private static async Task StartChatAsync(AppBuilderTestHost host, HttpClient client, string projectId, string sessionId)
    {
        using var response = await client.PostAsJsonAsync($"/api/projects/{projectId}/sessions/{sessionId}/chat", new { message = "build it" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await response.Content.ReadAsStringAsync();
    }

    private static PreviewErrorTracker Tracker(AppBuilderTestHost host) => host.Services.GetRequiredService<PreviewErrorTracker>();

    /// <summary>Waits for background work (the turn runs on the thread pool); fails after 10 s rather than hanging.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue($"{what} (waited 10 s)");
    }

    [Fact]
    public async Task Logs_ErrorEntries_BecomeDeduplicatedPreviewErrors()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        await PostLogsAsync(client, id, RuntimeBatch);
        await PostLogsAsync(client, id, RuntimeBatch);
        await PostLogsAsync(client, id, """[{"kind":"network","level":"error","message":"GET /api/x 500 3ms","error":{"type":"network","method":"GET","url":"/api/x","status":500}},{"kind":"network","level":"info","message":"GET / 200 1ms"}]""");

        var errors = (await client.GetFromJsonAsync<ErrorJson[]>($"/api/projects/{id}/preview-errors"))!;
        errors.Select(e => (e.Kind, e.Count)).Should().Equal(("network", 1), ("runtime", 2));
        errors[1].Should().Match<ErrorJson>(e => e.File == "src/App.tsx" && e.Line == 3 && e.State == "open" && e.Message == "TypeError: boom");
        errors[1].Stack!.Should().NotContain("http://localhost");
    }

    [Fact]
    public async Task Logs_HostilePayloads_AreRejectedOrCappedAndTheHostKeepsServing()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:AutoFix:MaxErrorsPerProject"] = "5";
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var tooLarge = await client.PostAsync($"/api/projects/{id}/logs",
            new StringContent("[" + new string(' ', 300 * 1024) + "]", Encoding.UTF8, "text/plain"));
        var deep = await client.PostAsync($"/api/projects/{id}/logs",
            new StringContent("[{\"kind\":\"console\",\"message\":\"x\",\"error\":" + string.Concat(Enumerable.Repeat("{\"a\":", 50)) + "1"
                + new string('}', 51) + "]", Encoding.UTF8, "text/plain"));
        var overflow = await client.PostAsync($"/api/projects/{id}/logs",
            new StringContent("""[{"kind":"console","message":"x","error":{"type":"runtime","message":"m","line":99999999999999}}]""", Encoding.UTF8, "text/plain"));
        var wrongShape = await client.PostAsync($"/api/projects/{id}/logs",
            new StringContent("""[{"kind":"console","message":"x","error":"not an object"}]""", Encoding.UTF8, "text/plain"));
        // 100 distinct errors in one batch: at most 20 are taken from it, and the project keeps at most 5.
        var flood = "[" + string.Join(',', Enumerable.Range(0, 100).Select(i =>
            $$$"""{"kind":"console","level":"error","message":"e{{{i}}}","error":{"type":"runtime","message":"Error {{{i}}}: {{{new string('x', 1500)}}}"}}""")) + "]";
        await PostLogsAsync(client, id, flood);

        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        deep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        overflow.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wrongShape.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await client.GetFromJsonAsync<ErrorJson[]>($"/api/projects/{id}/preview-errors"))!;
        errors.Should().HaveCount(5);
        errors.Should().OnlyContain(e => e.Message.Length <= PreviewErrorParser.MaxMessageLength + 1);
        errors[0].Message.Should().StartWith("Error 19:", "the newest of the 20 taken from the batch comes first");
        (await client.GetAsync($"/api/projects/{id}/logs?kind=console")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fix_RunsAFixTurnWithTheServerBuiltPrompt_AndTheErrorResolvesAfterTheSettleWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new AppBuilderTestHost { Time = time };
        host.Model.Enqueue(ScriptedResponse.FromText("Fixed it."));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await PostLogsAsync(client, id, RuntimeBatch);
        var errorId = Tracker(host).List(id).Single().Id;

        var response = await client.PostAsJsonAsync($"/api/projects/{id}/preview-errors/{errorId}/fix", new { sessionId = session });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await UntilAsync(() => Tracker(host).Find(id, errorId)?.State == PreviewErrorState.Verifying, "the fix turn ends and verification starts");
        var prompt = host.Model.Calls.Single().Messages.Last(m => m.Role == ChatRole.User).Text;
        prompt.Should().StartWith(FixPromptBuilder.Header).And.Contain("Runtime error: TypeError: boom").And.Contain("Location: src/App.tsx:3:9")
            .And.NotContain("http://localhost");
        Tracker(host).Find(id, errorId)!.Attempts.Should().Be(0, "a fix the person asked for does not use the automatic budget");

        time.Advance(TimeSpan.FromSeconds(5));

        await UntilAsync(() => Tracker(host).Find(id, errorId)?.State == PreviewErrorState.Resolved, "no recurrence within the settle window resolves it");
        var messages = await client.GetFromJsonAsync<MessageJson[]>($"/api/projects/{id}/sessions/{session}/messages");
        messages!.First(m => m.Role == "user").Text.Should().StartWith(FixPromptBuilder.Header, "the fix turn is a normal turn of the chat");
    }

    [Fact]
    public async Task Fix_WhileATurnRuns_IsRefusedWith409_AndUnknownErrorsAre404()
    {
        await using var host = new AppBuilderTestHost();
        var gate = new TaskCompletionSource();
        host.Model.Enqueue(ScriptedResponse.Create().WaitFor(gate.Task).Text("done"));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await PostLogsAsync(client, id, RuntimeBatch);
        var errorId = Tracker(host).List(id).Single().Id;
        var chat = StartChatAsync(host, client, id, session);
        await UntilAsync(() => host.Services.GetRequiredService<ChatTurnCoordinator>().IsBusy(id), "the person's turn runs");

        var busy = await client.PostAsJsonAsync($"/api/projects/{id}/preview-errors/{errorId}/fix", new { });
        var unknown = await client.PostAsJsonAsync($"/api/projects/{id}/preview-errors/0123456789abcdef/fix", new { });
        gate.SetResult();
        await chat;

        busy.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Tracker(host).Find(id, errorId)!.State.Should().Be(PreviewErrorState.Open);
    }

    [Fact]
    public async Task AutoFix_Disabled_StartsNoTurn()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        await PostLogsAsync(client, id, RuntimeBatch);
        await PostLogsAsync(client, id, RuntimeBatch);

        host.Model.Calls.Should().BeEmpty();
        Tracker(host).List(id).Single().State.Should().Be(PreviewErrorState.Open);
    }

    [Fact]
    public async Task AutoFix_ErrorThatKeepsComingBack_GetsAtMostMaxAttemptsTurns_OneAtATime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new AppBuilderTestHost { Time = time };
        host.Settings["AppBuilder:AspNetCore:AutoFix:Enabled"] = "true";
        host.Settings["AppBuilder:AspNetCore:AutoFix:MaxAttempts"] = "2";
        host.Model.WhenEmpty = _ => ScriptedResponse.FromText("Tried a fix.");
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        await PostLogsAsync(client, id, RuntimeBatch);
        var errorId = Tracker(host).List(id).Single().Id;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await UntilAsync(() => Tracker(host).Find(id, errorId) is { State: PreviewErrorState.Verifying } e && e.Attempts == attempt,
                $"automatic attempt {attempt} ends");
            host.Model.Calls.Should().HaveCount(attempt, "one model call per fix turn, never two turns at once");
            host.Model.Calls[^1].Messages.Last(m => m.Role == ChatRole.User).Text.Should().Contain($"Automatic fix: attempt {attempt} of 2.");

            // The error comes back after the fix turn's update: not fixed.
            await PostLogsAsync(client, id, RuntimeBatch);
        }

        await UntilAsync(() => Tracker(host).Find(id, errorId)?.State == PreviewErrorState.Open, "the error is open again");
        await PostLogsAsync(client, id, RuntimeBatch);
        time.Advance(TimeSpan.FromMinutes(1));

        host.Model.Calls.Should().HaveCount(2, "the budget of automatic attempts is spent");
        Tracker(host).Find(id, errorId)!.Should().Match<PreviewError>(e => e.State == PreviewErrorState.Open && e.Attempts == 2);
    }

    [Fact]
    public async Task AutoFix_ErrorThatStaysAway_IsResolvedAfterOneTurn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new AppBuilderTestHost { Time = time };
        host.Settings["AppBuilder:AspNetCore:AutoFix:Enabled"] = "true";
        host.Model.WhenEmpty = _ => ScriptedResponse.FromText("Fixed.");
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        await PostLogsAsync(client, id, RuntimeBatch);
        var errorId = Tracker(host).List(id).Single().Id;
        await UntilAsync(() => Tracker(host).Find(id, errorId)?.State == PreviewErrorState.Verifying, "the automatic fix turn ends");
        time.Advance(TimeSpan.FromSeconds(4));
        Tracker(host).Find(id, errorId)!.State.Should().Be(PreviewErrorState.Verifying, "the settle window is 5 s");
        time.Advance(TimeSpan.FromSeconds(1));

        await UntilAsync(() => Tracker(host).Find(id, errorId)?.State == PreviewErrorState.Resolved, "the error stayed away");
        host.Model.Calls.Should().ContainSingle();
    }

    [Fact]
    public async Task AutoFix_NeverStartsWhileAPersonsTurnRuns()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:AutoFix:Enabled"] = "true";
        var gate = new TaskCompletionSource();
        host.Model.Enqueue(ScriptedResponse.Create().WaitFor(gate.Task).Text("done"));
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var chat = StartChatAsync(host, client, id, session);
        await UntilAsync(() => host.Services.GetRequiredService<ChatTurnCoordinator>().IsBusy(id), "the person's turn runs");

        await PostLogsAsync(client, id, RuntimeBatch);
        await PostLogsAsync(client, id, RuntimeBatch);
        gate.SetResult();
        await chat;

        host.Model.Calls.Should().ContainSingle("only the person's turn called the model");
        Tracker(host).List(id).Single().Should().Match<PreviewError>(e => e.State == PreviewErrorState.Open && e.Attempts == 0);
    }

    [Fact]
    public async Task DeleteProject_ForgetsItsPreviewErrors_AndDismissRemovesOne()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        var (other, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await PostLogsAsync(client, id, RuntimeBatch);
        await PostLogsAsync(client, other, RuntimeBatch);
        var otherError = Tracker(host).List(other).Single().Id;

        (await client.DeleteAsync($"/api/projects/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/projects/{other}/preview-errors/{otherError}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/projects/{other}/preview-errors/{otherError}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        Tracker(host).List(id).Should().BeEmpty();
        Tracker(host).List(other).Should().BeEmpty();
    }

    private sealed record ErrorJson(string Id, string Kind, string Message, string? Stack, string? File, int? Line, int Count, string State, int Attempts);

    private sealed record MessageJson(string Role, string Text);
}
