using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>What a person does in the web editor, as Playwright steps over the editor's data-testids.</summary>
internal static class EditorSteps
{
    public const string DevEmail = "dev@appbuilder.local";
    public const string DevPassword = "appbuilder-dev";

    public static ILocator ByTestId(this IPage page, string testId) => page.Locator($"[data-testid=\"{testId}\"]");

    public static ILocator ByTestIdIn(this ILocator locator, string testId) => locator.Locator($"[data-testid=\"{testId}\"]");

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await Expect(page.ByTestId("login-form")).ToBeVisibleAsync();
        await page.ByTestId("login-email").FillAsync(email);
        await page.ByTestId("login-password").FillAsync(password);
        await page.ByTestId("login-submit").ClickAsync();
        await Expect(page.ByTestId("new-project-prompt")).ToBeVisibleAsync();
    }

    public static async Task RegisterAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await Expect(page.ByTestId("login-form")).ToBeVisibleAsync();
        await page.ByTestId("login-toggle-mode").ClickAsync();
        await page.ByTestId("login-email").FillAsync(email);
        await page.ByTestId("login-password").FillAsync(password);
        await page.ByTestId("login-submit").ClickAsync();
        await Expect(page.ByTestId("new-project-prompt")).ToBeVisibleAsync();
    }

    /// <summary>Waits until the newest assistant reply has finished streaming, and fails with the chat's error if it has one.</summary>
    public static async Task WaitForTurnAsync(IPage page, int assistantMessagesBefore)
    {
        var replies = page.ByTestId("chat-message-assistant");
        await Expect(replies).ToHaveCountAsync(assistantMessagesBefore + 1);
        await Expect(replies.Last).ToHaveAttributeAsync("data-streaming", "false");
        var errors = replies.Last.Locator("[data-testid=\"chat-error\"]");
        if (await errors.CountAsync() > 0)
        {
            throw new Xunit.Sdk.XunitException("The agent turn failed: " + await errors.First.InnerTextAsync());
        }
    }

    /// <summary>
    /// Approves every approval dialog that appears until the newest reply stops streaming; returns how many it approved.
    /// </summary>
    public static async Task<int> ApproveUntilTurnEndsAsync(IPage page)
    {
        var reply = page.ByTestId("chat-message-assistant").Last;
        var dialog = page.ByTestId("approval-dialog");
        var approved = 0;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await reply.GetAttributeAsync("data-streaming") != "false")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The supervised turn did not end within 5 minutes ({approved} approvals given).");
            }

            var approvalId = await dialog.IsVisibleAsync() ? await dialog.GetAttributeAsync("data-approval-id") : null;
            if (approvalId is not null)
            {
                await page.ByTestId("approval-approve").ClickAsync();
                approved++;
                // The dialog closes, or shows the next request as soon as the agent makes one.
                await Expect(page.Locator($"[data-testid=\"approval-dialog\"][data-approval-id=\"{approvalId}\"]")).ToHaveCountAsync(0);
                continue;
            }

            await page.WaitForTimeoutAsync(250);
        }

        return approved;
    }

    /// <summary>The preview iframe's frame (the same frame object across HMR updates and reloads).</summary>
    public static async Task<IFrame> PreviewFrameAsync(IPage page)
    {
        var element = await page.ByTestId("preview-iframe").ElementHandleAsync();
        return await element.ContentFrameAsync() ?? throw new Xunit.Sdk.XunitException("The preview iframe has no frame.");
    }

    /// <summary>Creates a project through the API with the page's cookies and returns its id.</summary>
    public static async Task<string> CreateProjectThroughApiAsync(IPage page, string title)
    {
        var response = await page.Context.APIRequest.PostAsync("/api/projects", new APIRequestContextOptions { DataObject = new { title } });
        response.Status.Should().Be(201, await response.TextAsync());
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
