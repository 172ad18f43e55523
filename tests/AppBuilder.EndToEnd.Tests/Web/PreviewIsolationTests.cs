using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// The zero-configuration web host in Chromium: an app written into a project tries, from inside the editor's preview
/// iframe, every way to reach the editor, its session, another project's preview or the browser's lasting state — each
/// attempt must fail — while the preview itself keeps working with HMR and the editor's session is untouched.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PreviewIsolationTests : IClassFixture<WebEditorFixture>
{
    private readonly WebEditorFixture _fixture;

    public PreviewIsolationTests(WebEditorFixture fixture)
    {
        _fixture = fixture;
        SetDefaultExpectTimeout(180_000);
    }

    [Fact]
    public async Task HostileAppInThePreview_CannotReachTheEditorOtherPreviewsOrLastingState_AndHmrStillWorks()
    {
        var page = await _fixture.NewPageAsync();
        page.SetDefaultTimeout(180_000);
        try
        {
            await EditorSteps.SignInAsync(page, EditorSteps.DevEmail, EditorSteps.DevPassword);
            var editorOrigin = _fixture.BaseUrl.GetLeftPart(UriPartial.Authority);
            var hostile = await EditorSteps.CreateProjectThroughApiAsync(page, "Hostile app");
            var other = await EditorSteps.CreateProjectThroughApiAsync(page, "Other app");
            var otherOrigin = $"http://{other}.preview.localhost:{_fixture.BaseUrl.Port}";

            // The other project is opened in this browser first, so its preview session cookie is there to be abused.
            await WriteAsync(page, other, "src/App.tsx", "export default function App() { return <h1>Other project's secret</h1>; }\n");
            await page.GotoAsync($"/projects/{other}");
            var otherPreview = page.FrameLocator("[data-testid=\"preview-iframe\"]");
            await Expect(otherPreview.GetByText("Other project's secret")).ToBeVisibleAsync();

            // The hostile app, written through the files API: its own vite.config.ts (dangerous headers), service workers, probes.
            await WriteAsync(page, hostile, "vite.config.ts", PreviewIsolationApp.ViteConfig);
            await WriteAsync(page, hostile, "public/sw.js", PreviewIsolationApp.ServiceWorker);
            await WriteAsync(page, hostile, "public/workers/sw.js", PreviewIsolationApp.ServiceWorker);
            await WriteAsync(page, hostile, "src/Heading.tsx", PreviewIsolationApp.Heading("Hostile app"));
            await WriteAsync(page, hostile, "src/Probes.tsx", PreviewIsolationApp.Probes(editorOrigin, otherOrigin, hostile));
            await WriteAsync(page, hostile, "src/App.tsx", PreviewIsolationApp.App);
            var checkpointsBefore = await CountCheckpointsAsync(page, hostile);

            await page.GotoAsync($"/projects/{hostile}");
            var iframe = page.ByTestId("preview-iframe");
            await Expect(iframe).ToHaveAttributeAsync("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads");
            var preview = page.FrameLocator("[data-testid=\"preview-iframe\"]");
            var probes = preview.Locator("[data-testid=\"probes\"][data-done=\"true\"]");
            await Expect(probes).ToHaveCountAsync(1);
            var frame = await EditorSteps.PreviewFrameAsync(page);
            new Uri(frame.Url).GetLeftPart(UriPartial.Authority).Should().Be($"http://{hostile}.preview.localhost:{_fixture.BaseUrl.Port}",
                "the preview runs on the project's own origin, not the editor's");

            var results = await ReadProbesAsync(probes);
            results.Select(r => r.Name).Should().HaveCount(13);
            results.Where(r => r.Leaked).Select(r => $"{r.Name}: {r.Detail}").Should().BeEmpty("every attempt out of the preview must fail");
            results.Single(r => r.Name == "read window.parent.document").Detail.Should().Contain("SecurityError");
            // Chromium itself may already refuse workers in a partitioned (third-party) frame; the tab below gets the proxy's 403.
            results.Single(r => r.Name.StartsWith("register service worker /sw.js", StringComparison.Ordinal)).Detail.Should()
                .Match(d => d.Contains("403", StringComparison.Ordinal) || d.Contains("denied permission", StringComparison.Ordinal));

            // "Open in a new tab" goes through the editor, which hands the tab a fresh grant; there, first-party, service
            // workers are possible as far as Chromium is concerned, so only the proxy's refusal stops them.
            var tab = await page.Context.RunAndWaitForPageAsync(() => page.ByTestId("preview-open").ClickAsync());
            var tabProbes = tab.Locator("[data-testid=\"probes\"][data-done=\"true\"][data-framed=\"false\"]");
            await Expect(tabProbes).ToHaveCountAsync(1);
            new Uri(tab.Url).GetLeftPart(UriPartial.Authority).Should().Be($"http://{hostile}.preview.localhost:{_fixture.BaseUrl.Port}");
            tab.Url.Should().NotContain("token=", "the grant leaves the address bar once exchanged");
            var tabResults = await ReadProbesAsync(tabProbes);
            tabResults.Where(r => r.Leaked).Select(r => $"{r.Name}: {r.Detail}").Should().BeEmpty("a top-level preview tab is no way out either");
            tabResults.Where(r => r.Name.StartsWith("register service worker", StringComparison.Ordinal)).Should().HaveCount(2)
                .And.OnlyContain(r => r.Detail.Contains("403"), "the proxy refused the service worker scripts");
            await tab.CloseAsync();

            // Nothing the probes sent changed the editor's state, and the editor's tab and session are intact.
            (await CountCheckpointsAsync(page, hostile)).Should().Be(checkpointsBefore, "the cross-site persist POST was refused");
            page.Url.Should().EndWith($"/projects/{hostile}");
            var projects = await page.EvaluateAsync<JsonElement>(
                "async () => { const r = await fetch('/api/projects'); return { status: r.status, body: await r.text() }; }");
            projects.GetProperty("status").GetInt32().Should().Be(200);
            projects.GetProperty("body").GetString().Should().Contain(hostile).And.Contain(other);

            // The preview still works: an edit reaches the page through the proxied HMR socket, without a reload.
            var marker = "alive-" + Guid.NewGuid().ToString("N");
            await frame.EvaluateAsync("m => { window.__appBuilderE2eMarker = m; }", marker);
            await WriteAsync(page, hostile, "src/Heading.tsx", PreviewIsolationApp.Heading("Hot updated heading"));
            await Expect(preview.Locator("[data-testid=\"heading\"]")).ToHaveTextAsync("Hot updated heading");
            (await frame.EvaluateAsync<string?>("() => window.__appBuilderE2eMarker ?? null")).Should().Be(marker,
                "an HMR update keeps the page alive; a full reload would have dropped the marker");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web host output ---\n{Tail(_fixture.Host.Output)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task WriteAsync(IPage page, string projectId, string path, string content)
    {
        var response = await page.Context.APIRequest.PutAsync($"/api/projects/{projectId}/files/content?path={Uri.EscapeDataString(path)}",
            new APIRequestContextOptions
            {
                Data = content,
                Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain; charset=utf-8" },
            });
        response.Status.Should().Be(204, $"writing {path}: {await response.TextAsync()}");
    }

    private static async Task<Probe[]> ReadProbesAsync(ILocator probes) =>
        JsonSerializer.Deserialize<Probe[]>(await probes.TextContentAsync() ?? "[]", new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static async Task<int> CountCheckpointsAsync(IPage page, string projectId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/projects/{projectId}/checkpoints");
        response.Status.Should().Be(200);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetArrayLength();
    }

    private static string Tail(string text, int max = 6000) => text.Length <= max ? text : "…" + text[^max..];

    private sealed record Probe(string Name, bool Leaked, string Detail);
}
