using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// The web editor end to end: the real host (replay model, local sandboxes, file storage) in a child process and
/// Debian Chromium driving the React client.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WebEditorTests : IClassFixture<WebEditorFixture>
{
    private const string TodoPrompt = ReplayRecordings.TodoPrompt;
    private const string TodoHeading = ReplayRecordings.TodoHeading;

    private readonly WebEditorFixture _fixture;

    public WebEditorTests(WebEditorFixture fixture)
    {
        _fixture = fixture;
        // Waits cover a cold sandbox: dependency install, Vite start, the replayed turn.
        SetDefaultExpectTimeout(180_000);
    }

    [RequiresFact(WebEditorFixture.Needs)]
    public async Task BuildTodoApp_StreamsChat_PreviewsApp_EditsWithHmr_AndApprovesSupervisedWrite()
    {
        var page = await _fixture.NewPageAsync();
        page.SetDefaultTimeout(180_000);
        try
        {
            // Sign in as the ready dev account and create a project from a prompt.
            await EditorSteps.SignInAsync(page, EditorSteps.DevEmail, EditorSteps.DevPassword);
            await page.ByTestId("new-project-prompt").FillAsync(TodoPrompt);
            await page.ByTestId("new-project-submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/projects/[A-Za-z0-9_-]+$"));
            await Expect(page.ByTestId("editor-page")).ToBeVisibleAsync();
            await Expect(page.ByTestId("replay-badge")).ToBeVisibleAsync();

            // The prompt is sent as the first message; text and tool rows stream in; the turn ends.
            await Expect(page.ByTestId("chat-message-user").First).ToContainTextAsync(TodoPrompt);
            await Expect(page.ByTestId("assistant-text").First).Not.ToBeEmptyAsync();
            await Expect(page.ByTestId("tool-row").First).ToBeVisibleAsync();
            await EditorSteps.WaitForTurnAsync(page, assistantMessagesBefore: 0);
            await Expect(page.Locator("[data-testid=\"tool-row\"][data-status=\"ok\"]").First).ToBeVisibleAsync();
            await Expect(page.ByTestId("file-chip").Filter(new LocatorFilterOptions { HasText = "src/App.tsx" })).ToBeVisibleAsync();

            // The app the recording wrote renders inside the preview iframe.
            var preview = page.FrameLocator("[data-testid=\"preview-iframe\"]");
            await Expect(preview.GetByText(TodoHeading).First).ToBeVisibleAsync();
            var frame = await EditorSteps.PreviewFrameAsync(page);
            var marker = "hmr-" + Guid.NewGuid().ToString("N");
            await frame.EvaluateAsync("m => { window.__appBuilderE2eMarker = m; }", marker);

            // The Code tab lists the agent's file; Monaco shows it.
            await page.ByTestId("tab-code").ClickAsync();
            var appFile = page.Locator("[data-testid=\"file-tree-item\"][data-path=\"src/App.tsx\"]");
            await Expect(appFile).ToBeVisibleAsync();
            await appFile.ClickAsync();
            await Expect(page.ByTestId("code-open-path")).ToHaveTextAsync("src/App.tsx");
            var editorLines = page.Locator("[data-testid=\"code-editor\"] .monaco-editor .view-lines");
            await Expect(editorLines).ToContainTextAsync(TodoHeading);

            // Edit a visible string in Monaco (find it, type over the selection) and save with Ctrl+S.
            var newHeading = "Shipped " + Guid.NewGuid().ToString("N")[..6];
            await editorLines.ClickAsync();
            await page.Keyboard.PressAsync("Control+f");
            await page.Keyboard.TypeAsync(TodoHeading);
            await page.Keyboard.PressAsync("Escape");
            await page.Keyboard.TypeAsync(newHeading);
            await Expect(editorLines).ToContainTextAsync(newHeading);
            await Expect(page.ByTestId("code-dirty")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Control+s");
            await Expect(page.ByTestId("code-dirty")).ToHaveCountAsync(0);

            // The preview shows the edit through HMR, without a full reload: the marker set before the edit survives.
            await page.ByTestId("tab-preview").ClickAsync();
            await Expect(preview.GetByText(newHeading).First).ToBeVisibleAsync();
            (await frame.EvaluateAsync<string?>("() => window.__appBuilderE2eMarker ?? null")).Should().Be(marker,
                "an HMR update keeps the page (and its window) alive; a full reload would have dropped the marker");

            // Supervised mode: the next write waits for approval in a dialog.
            await page.ByTestId("supervised-toggle").ClickAsync();
            await Expect(page.ByTestId("supervised-toggle")).ToHaveAttributeAsync("data-checked", "true");
            await page.ByTestId("chat-input").FillAsync(ReplayRecordings.FollowUpPrompt);
            await page.ByTestId("chat-send").ClickAsync();
            await Expect(page.ByTestId("approval-dialog")).ToBeVisibleAsync();
            await Expect(page.ByTestId("approval-tool")).ToHaveTextAsync(ReplayRecordings.FollowUpTool);
            await Expect(page.ByTestId("approval-dialog")).ToContainTextAsync(ReplayRecordings.FollowUpFile);
            var reply = page.ByTestId("chat-message-assistant").Last;
            var write = reply.Locator($"[data-testid=\"tool-row\"][data-tool=\"{ReplayRecordings.FollowUpTool}\"]").First;
            await Expect(write).ToHaveAttributeAsync("data-status", "awaiting");
            var firstApproval = await page.ByTestId("approval-dialog").GetAttributeAsync("data-approval-id");
            await page.ByTestId("approval-approve").ClickAsync();
            await Expect(page.Locator($"[data-testid=\"approval-dialog\"][data-approval-id=\"{firstApproval}\"]")).ToHaveCountAsync(0);
            await Expect(write).ToHaveAttributeAsync("data-status", "ok");
            await Expect(write).ToContainTextAsync(ReplayRecordings.FollowUpFile);

            // The rest of the turn edits, deletes and runs a command: approve each until the reply ends.
            var approved = await EditorSteps.ApproveUntilTurnEndsAsync(page);
            approved.Should().BeGreaterThan(0, "the recorded turn makes further supervised changes after the first write");
            await EditorSteps.WaitForTurnAsync(page, assistantMessagesBefore: 1);

            // The Code tab followed the agent: the open (clean) App.tsx updated in place, the tree gained and lost files.
            await page.ByTestId("tab-code").ClickAsync();
            await Expect(editorLines).ToContainTextAsync("FilterBar");
            await page.Locator("[data-testid=\"file-tree-item\"][data-path=\"src/components\"]").ClickAsync();
            await Expect(page.Locator($"[data-testid=\"file-tree-item\"][data-path=\"{ReplayRecordings.FollowUpFile}\"]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=\"file-tree-item\"][data-path=\"src/components/TodoStats.tsx\"]")).ToHaveCountAsync(0);

            // Unsaved edits are never clobbered: a change on disk (here another tab saving) shows a notice instead.
            await editorLines.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync("// my unsaved note");
            await Expect(page.ByTestId("code-dirty")).ToBeVisibleAsync();
            var projectId = page.Url.Split('/').Last();
            var contentUrl = $"/api/projects/{projectId}/files/content?path=src/App.tsx";
            var onDisk = await (await page.Context.APIRequest.GetAsync(contentUrl)).TextAsync();
            var saved = await page.Context.APIRequest.PutAsync(contentUrl, new APIRequestContextOptions
            {
                Data = onDisk + "// saved in another tab\n",
                Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain; charset=utf-8" },
            });
            saved.Status.Should().Be(204);
            await Expect(page.ByTestId("code-disk-notice")).ToBeVisibleAsync();
            // Still dirty: the edit was kept (a clobbered buffer would equal the disk version and lose the marker).
            await Expect(page.ByTestId("code-dirty")).ToBeVisibleAsync();
            await page.ByTestId("code-reload-disk").ClickAsync();
            await Expect(page.ByTestId("code-disk-notice")).ToHaveCountAsync(0);
            await Expect(page.ByTestId("code-dirty")).ToHaveCountAsync(0);

            // A new chat tab is its own session: a prompt with no recording gets the replay model's clear message.
            await page.ByTestId("session-new").ClickAsync();
            await Expect(page.ByTestId("session-tab")).ToHaveCountAsync(2);
            await Expect(page.ByTestId("session-tab").Nth(1)).ToHaveAttributeAsync("data-active", "true");
            await Expect(page.ByTestId("chat-message-user")).ToHaveCountAsync(0);
            await page.ByTestId("chat-input").FillAsync("build me a spaceship game");
            await page.ByTestId("chat-send").ClickAsync();
            var noRecording = page.Locator("[data-testid=\"chat-error\"][data-code=\"no_recording\"]");
            await Expect(noRecording).ToBeVisibleAsync();
            await Expect(noRecording).ToContainTextAsync(TodoPrompt);
            await page.ByTestId("session-tab").First.ClickAsync();
            await Expect(page.ByTestId("chat-message-user").First).ToContainTextAsync(TodoPrompt);

            // History: restoring the first turn's checkpoint undoes the second turn and the saved edit in the files, the
            // open editor and the preview; the restore is itself the newest checkpoint.
            await page.ByTestId("history-button").ClickAsync();
            var firstTurn = page.ByTestId("history-item").Filter(new LocatorFilterOptions { HasText = TodoPrompt });
            await Expect(firstTurn).ToHaveCountAsync(1);
            await firstTurn.Locator("[data-testid=\"history-restore\"]").ClickAsync();
            await page.ByTestId("confirm-ok").ClickAsync();
            await Expect(page.ByTestId("history-confirm")).ToHaveCountAsync(0);
            await page.ByTestId("tab-code").ClickAsync();
            await Expect(editorLines).Not.ToContainTextAsync("FilterBar");
            await Expect(editorLines).ToContainTextAsync(TodoHeading);
            (await page.Context.APIRequest.GetAsync($"/api/projects/{projectId}/files/content?path={ReplayRecordings.FollowUpFile}"))
                .Status.Should().Be(404, "the checkpoint predates the file the second turn wrote");
            await page.ByTestId("tab-preview").ClickAsync();
            await Expect(preview.GetByText(TodoHeading).First).ToBeVisibleAsync();
            await Expect(preview.GetByText(newHeading)).ToHaveCountAsync(0);
            await page.ByTestId("history-button").ClickAsync();
            await Expect(page.ByTestId("history-item").First).ToContainTextAsync("Restored checkpoint");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            await SaveScreenshotAsync(page, nameof(BuildTodoApp_StreamsChat_PreviewsApp_EditsWithHmr_AndApprovesSupervisedWrite));
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web host output ---\n{Tail(_fixture.Host.Output)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [RequiresFact(WebEditorFixture.Needs)]
    public async Task SecondUser_CannotSeeOrReachFirstUsersProject_AndOwnerDeletesIt()
    {
        var owner = await _fixture.NewPageAsync();
        var stranger = await _fixture.NewPageAsync();
        try
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            await EditorSteps.RegisterAsync(owner, $"owner-{suffix}@example.test", "owner-password-1");
            var projectId = await EditorSteps.CreateProjectThroughApiAsync(owner, "Owner's private app");
            (await owner.Context.APIRequest.GetAsync($"/api/projects/{projectId}")).Status.Should().Be(200);

            await EditorSteps.RegisterAsync(stranger, $"stranger-{suffix}@example.test", "stranger-password-1");
            await Expect(stranger.ByTestId("projects-empty")).ToBeVisibleAsync();
            await Expect(stranger.ByTestId("project-card")).ToHaveCountAsync(0);

            var api = await stranger.GotoAsync($"/api/projects/{projectId}");
            api!.Status.Should().Be(404);
            var preview = await stranger.GotoAsync($"/preview/{projectId}/");
            preview!.Status.Should().Be(404);
            await stranger.GotoAsync($"/projects/{projectId}");
            await Expect(stranger.ByTestId("project-not-found")).ToBeVisibleAsync();

            // The owner still sees the project and can delete it (after confirming).
            await owner.GotoAsync("/");
            var card = owner.Locator($"[data-testid=\"project-card\"][data-project-id=\"{projectId}\"]");
            await Expect(card).ToContainTextAsync("Owner's private app");
            await card.Locator("[data-testid=\"project-delete\"]").ClickAsync();
            await Expect(owner.ByTestId("delete-dialog")).ToBeVisibleAsync();
            await owner.ByTestId("confirm-ok").ClickAsync();
            await Expect(card).ToHaveCountAsync(0);
            (await owner.Context.APIRequest.GetAsync($"/api/projects/{projectId}")).Status.Should().Be(404);
        }
        finally
        {
            await owner.Context.CloseAsync();
            await stranger.Context.CloseAsync();
        }
    }

    [RequiresFact(WebEditorFixture.Needs)]
    public async Task NetworkDrop_HubReconnects_AndTheTranscriptCatchesUp()
    {
        var watcher = await _fixture.NewPageAsync();
        var other = await _fixture.NewPageAsync();
        try
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            await EditorSteps.RegisterAsync(watcher, $"drop-{suffix}@example.test", "drop-password-1");
            var projectId = await EditorSteps.CreateProjectThroughApiAsync(watcher, "Flaky network");
            await watcher.GotoAsync($"/projects/{projectId}");
            await Expect(watcher.ByTestId("hub-state")).ToHaveAttributeAsync("data-state", "connected");

            // The watcher's network drops; meanwhile a second tab of the same person sends a message.
            await watcher.Context.SetOfflineAsync(true);
            await Expect(watcher.ByTestId("hub-state")).Not.ToHaveAttributeAsync("data-state", "connected");
            var cookies = await watcher.Context.CookiesAsync();
            await other.Context.AddCookiesAsync(cookies.Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));
            await other.GotoAsync($"/projects/{projectId}");
            await other.ByTestId("chat-input").FillAsync("build me a spaceship game");
            await other.ByTestId("chat-send").ClickAsync();
            await Expect(other.Locator("[data-testid=\"chat-error\"][data-code=\"no_recording\"]")).ToBeVisibleAsync();

            // Back online: the hub reconnects, joins again and reloads the transcript, so nothing is lost.
            await watcher.Context.SetOfflineAsync(false);
            await Expect(watcher.ByTestId("hub-state")).ToHaveAttributeAsync("data-state", "connected");
            await Expect(watcher.ByTestId("chat-message-user")).ToContainTextAsync("build me a spaceship game");
        }
        finally
        {
            await watcher.Context.CloseAsync();
            await other.Context.CloseAsync();
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"appbuilder-e2e-{name}-{DateTime.UtcNow:HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Console.WriteLine("Screenshot: " + path);
        }
        catch (PlaywrightException)
        {
            // The page may be gone; the original failure matters more.
        }
    }

    private static string Tail(string text, int max = 6000) => text.Length <= max ? text : "…" + text[^max..];
}
