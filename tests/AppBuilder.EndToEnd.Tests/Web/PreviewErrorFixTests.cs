using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// Errors that fix themselves, end to end: the replay model's guest-list recording writes a component that throws on
/// its first render; the preview's capture script reports it, the editor lists it with "Fix it", and the fix turn (the
/// recording's second turn, answering the prompt the server builds) repairs the file so that the HMR update renders the
/// app and the error does not come back.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PreviewErrorFixTests : IClassFixture<WebEditorFixture>
{
    private const string Prompt = "build a guest list for my party";
    private const string Heading = "Party Guests";
    private const string ErrorText = "Cannot read properties of null (reading 'filter')";
    private const string BrokenFile = "src/components/GuestList.tsx";

    private readonly WebEditorFixture _fixture;

    public PreviewErrorFixTests(WebEditorFixture fixture)
    {
        _fixture = fixture;
        // Waits cover a cold sandbox: dependency install, Vite start, the replayed turns.
        SetDefaultExpectTimeout(180_000);
    }

    [RequiresFact(WebEditorFixture.Needs)]
    public async Task RuntimeError_IsCapturedAndShownWithFixIt_AndTheFixTurnMakesItGo()
    {
        var page = await _fixture.NewPageAsync();
        page.SetDefaultTimeout(180_000);
        try
        {
            await EditorSteps.SignInAsync(page, EditorSteps.DevEmail, EditorSteps.DevPassword);
            await page.ByTestId("new-project-prompt").FillAsync(Prompt);
            await page.ByTestId("new-project-submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/projects/[A-Za-z0-9_-]+$"));
            var projectId = page.Url.Split('/').Last();
            await EditorSteps.WaitForTurnAsync(page, assistantMessagesBefore: 0);

            // The component throws on its first render: the preview shows no app, the editor lists the runtime error
            // with its project file (no host path, no preview origin) and "Fix it".
            var error = page.Locator("[data-testid=\"preview-error\"][data-kind=\"runtime\"]");
            await Expect(error).ToHaveCountAsync(1);
            await Expect(error.ByTestIdIn("preview-error-message")).ToContainTextAsync(ErrorText);
            await Expect(error.ByTestIdIn("preview-error-location")).ToContainTextAsync(BrokenFile);
            await Expect(error.ByTestIdIn("preview-error-location")).Not.ToContainTextAsync("preview.localhost");
            var preview = page.FrameLocator("[data-testid=\"preview-iframe\"]");
            await Expect(preview.GetByText(Heading)).ToHaveCountAsync(0);
            var errorId = await error.GetAttributeAsync("data-error-id");
            var before = await ErrorAsync(page, projectId, errorId!);
            before.GetProperty("stack").GetString().Should().NotContain("preview.localhost").And.Contain(BrokenFile);

            // Fix it: a fix turn runs in the chat, labelled as a fix, and rewrites the file.
            await error.ByTestIdIn("preview-error-fix").ClickAsync();
            await EditorSteps.WaitForTurnAsync(page, assistantMessagesBefore: 1);
            var fixMessage = page.Locator("[data-testid=\"chat-message-user\"][data-fix=\"manual\"]");
            await Expect(fixMessage).ToHaveCountAsync(1);
            await Expect(fixMessage.ByTestIdIn("fix-turn-label")).ToHaveTextAsync("Fix");
            await Expect(fixMessage).ToContainTextAsync(ErrorText);
            var content = await (await page.Context.APIRequest.GetAsync($"/api/projects/{projectId}/files/content?path={BrokenFile}")).TextAsync();
            content.Should().Contain("Array.isArray(saved)");

            // The HMR update renders the app, the error stays away for the settle window and leaves the list.
            await Expect(preview.GetByText(Heading).First).ToBeVisibleAsync();
            await Expect(preview.GetByText("0 of 0 coming")).ToBeVisibleAsync();
            await Expect(page.ByTestId("preview-error")).ToHaveCountAsync(0);
            var after = await ErrorAsync(page, projectId, errorId!);
            after.GetProperty("state").GetString().Should().Be("resolved");
            after.GetProperty("count").GetInt32().Should().Be(before.GetProperty("count").GetInt32(), "the error did not happen again after the fix");

            // The app works: inviting a guest updates the list, and no new error appears.
            await preview.GetByPlaceholder("Add a guest").FillAsync("Ada");
            await preview.GetByRole(AriaRole.Button, new FrameLocatorGetByRoleOptions { Name = "Invite" }).ClickAsync();
            await Expect(preview.GetByText("0 of 1 coming")).ToBeVisibleAsync();
            using var errors = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"/api/projects/{projectId}/preview-errors")).TextAsync());
            errors.RootElement.EnumerateArray().Should().OnlyContain(e => e.GetProperty("state").GetString() == "resolved");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            await SaveScreenshotAsync(page, nameof(RuntimeError_IsCapturedAndShownWithFixIt_AndTheFixTurnMakesItGo));
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web host output ---\n{Tail(_fixture.Host.Output)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<JsonElement> ErrorAsync(IPage page, string projectId, string errorId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/projects/{projectId}/preview-errors");
        response.Status.Should().Be(200);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == errorId).Clone();
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
        catch (PlaywrightException)
        {
            // The page is gone; the exception says why.
        }
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];
}
