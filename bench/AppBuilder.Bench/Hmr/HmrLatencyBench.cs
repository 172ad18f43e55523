using System.Diagnostics;
using System.Text.Json;
using AppBuilder.Sandboxes;
using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AppBuilder.Bench.Hmr;

/// <summary>
/// Measures agent file write → preview DOM updated, in Chromium, through the host's preview proxy. A real host
/// (<see cref="HmrBenchHost"/>: Kestrel, <c>AddAppBuilder</c>/<c>MapAppBuilder</c>, local sandboxes, Vite) opens a
/// project; Debian's Chromium (driven by Playwright) loads <c>/preview/{id}/</c> from the host, which redirects with a
/// fresh grant to the project's own origin (<c>{id}.preview.localhost</c> on the host's port), so every module request
/// and the HMR WebSocket pass through the proxy (YARP). Then, many times: the page takes <c>performance.now()</c>, calls an
/// exposed binding that makes .NET write a new <c>src/App.tsx</c> with a fresh marker through the agent's
/// <c>write</c> tool, and a <c>MutationObserver</c> armed beforehand takes <c>performance.now()</c> when the marker
/// is in the DOM. Both timestamps are on the page's clock; the binding's dispatch to .NET is inside the measured
/// interval, so the figure errs high, never low. A value set on <c>window</c> after the first load must survive
/// every write (no full reload).
/// </summary>
public static class HmrLatencyBench
{
    private const string AppFile = "src/App.tsx";
    private const int WriteTimeoutMs = 10_000;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Runs the bench. Everything it creates lives under a temporary folder it deletes.</summary>
    /// <param name="writes">Measured writes (at least 30 for the figures the docs quote).</param>
    /// <param name="warmupWrites">Writes made first and not counted (the first updates compile and cache more).</param>
    /// <param name="pauseBetweenWrites">Idle time after each update, so that one write's work does not overlap the next.</param>
    /// <param name="cancellationToken">Stops the bench.</param>
    public static async Task<HmrLatencyResult> RunAsync(int writes = 40, int warmupWrites = 3, TimeSpan? pauseBetweenWrites = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupWrites);
        var pause = pauseBetweenWrites ?? TimeSpan.FromMilliseconds(150);
        var root = Directory.CreateTempSubdirectory("appbuilder-bench-hmr-").FullName;
        try
        {
            await using var host = await HmrBenchHost.StartAsync(root, cancellationToken).ConfigureAwait(false);
            var (projectId, sessionId) = await host.CreateProjectAsync(cancellationToken).ConfigureAwait(false);
            HmrLatencyResult browser;
            bool bubblewrap;
            double openMs;
            try
            {
                var opening = Stopwatch.GetTimestamp();
                var previewPath = await host.OpenAsync(projectId, cancellationToken).ConfigureAwait(false);
                openMs = Stopwatch.GetElapsedTime(opening).TotalMilliseconds;
                var workspace = host.Workspace(projectId);
                bubblewrap = await host.Services.GetRequiredService<Bubblewrap>().IsEnabledAsync().ConfigureAwait(false);
                var writer = await HmrFileWriter.CreateAsync(host.Services, projectId, sessionId, workspace.Sandbox, cancellationToken)
                    .ConfigureAwait(false);
                var previewUrl = new Uri(host.BaseAddress, previewPath.TrimStart('/'));
                browser = await MeasureInBrowserAsync(host.BaseAddress, previewUrl, writer, writes, warmupWrites, pause, cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                await CloseAsync(host, projectId).ConfigureAwait(false);
            }

            var apiWarmStartMs = await MeasureApiWarmStartAsync(host, cancellationToken).ConfigureAwait(false);
            return browser with { OpenMs = openMs, Bubblewrap = bubblewrap, ApiWarmStartMs = apiWarmStartMs };
        }
        finally
        {
            DeleteQuietly(root);
        }
    }

    private static async Task<HmrLatencyResult> MeasureInBrowserAsync(Uri hostAddress, Uri previewUrl, HmrFileWriter writer, int writes,
        int warmupWrites, TimeSpan pause, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        }).ConfigureAwait(false);
        await using var context = await browser.NewContextAsync().ConfigureAwait(false);
        await context.AddCookiesAsync(
        [
            new Cookie { Name = BenchAuthHandler.CookieName, Value = HmrBenchHost.User, Url = hostAddress.ToString() },
        ]).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);

        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hotUpdates = 0;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("[vite] connected", StringComparison.Ordinal))
            {
                connected.TrySetResult();
            }
            else if (message.Text.Contains("[vite] hot updated", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref hotUpdates);
            }
        };
        await page.ExposeFunctionAsync<string, Task<double>>(HmrPageScripts.WriteBinding,
            marker => writer.WriteAsync(AppFile, AppSource(marker), cancellationToken)).ConfigureAwait(false);

        var loading = Stopwatch.GetTimestamp();
        await page.GotoAsync(previewUrl.ToString(), new PageGotoOptions { Timeout = 60_000 }).ConfigureAwait(false);
        await page.WaitForFunctionAsync(HmrPageScripts.Rendered, null, new PageWaitForFunctionOptions { Timeout = 60_000 }).ConfigureAwait(false);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var firstLoadMs = Stopwatch.GetElapsedTime(loading).TotalMilliseconds;

        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref navigations);
            }
        };
        var alive = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync(HmrPageScripts.Install, alive).ConfigureAwait(false);

        var samples = new Samples();
        for (var i = 0; i < warmupWrites + writes; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marker = $"hmr-bench-{i:000}-{alive[..8]}";
            JsonElement? measured;
            try
            {
                measured = await page.EvaluateAsync<JsonElement>(HmrPageScripts.Measure, new object[] { marker, WriteTimeoutMs }).ConfigureAwait(false);
            }
            catch (PlaywrightException ex) when (Volatile.Read(ref navigations) > 0 ||
                                                 ex.Message.Contains("context was destroyed", StringComparison.OrdinalIgnoreCase))
            {
                // A full reload destroyed the page's context mid-measurement: count it, start over on the new page.
                measured = null;
                await page.WaitForFunctionAsync(HmrPageScripts.Rendered, null, new PageWaitForFunctionOptions { Timeout = 60_000 })
                    .ConfigureAwait(false);
                await page.EvaluateAsync(HmrPageScripts.Install, "reloaded").ConfigureAwait(false);
            }

            samples.Add(measured, counted: i >= warmupWrites);
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }

        var survived = await page.EvaluateAsync<string?>(HmrPageScripts.Alive).ConfigureAwait(false) == alive;
        return new HmrLatencyResult(samples.Latencies, samples.PaintLatencies, samples.WriteCalls, samples.WriteTools, samples.Warmup,
            samples.NotShown, Volatile.Read(ref navigations), survived, Volatile.Read(ref hotUpdates), OpenMs: 0, firstLoadMs,
            ApiWarmStartMs: 0, Bubblewrap: false);
    }

    /// <summary>
    /// With the dependency cache now warm: <c>POST /api/projects</c>, <c>POST …/open</c>, then a preview grant, its
    /// exchange and <c>GET /</c> on the project's preview origin through the proxy, which must answer 200 with the app's
    /// HTML — the warm start as a client of the host sees it.
    /// </summary>
    private static async Task<double> MeasureApiWarmStartAsync(HmrBenchHost host, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (projectId, _) = await host.CreateProjectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await host.OpenAsync(projectId, cancellationToken).ConfigureAwait(false);
            var (status, html) = await host.GetPreviewAsync(projectId, cancellationToken).ConfigureAwait(false);
            if (status != System.Net.HttpStatusCode.OK || !html.Contains("<div id=\"root\">", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The preview of a freshly opened project answered {(int)status} without the app's HTML.");
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            await CloseAsync(host, projectId).ConfigureAwait(false);
        }
    }

    private static Task CloseAsync(HmrBenchHost host, string projectId) =>
        host.Services.GetRequiredService<IWorkspaceManager>().CloseAsync(projectId, persist: false, CancellationToken.None);

    /// <summary>The App component each write installs: only the marker text changes between writes.</summary>
    internal static string AppSource(string marker) => $$"""
        export default function App() {
          return (
            <main className="flex min-h-screen items-center justify-center bg-slate-50 p-8">
              <h1 className="text-3xl font-semibold text-slate-900">{{marker}}</h1>
            </main>
          );
        }

        """;

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The page-clock timestamps of each measurement, turned into durations.</summary>
    private sealed class Samples
    {
        public List<double> Latencies { get; } = [];

        public List<double> PaintLatencies { get; } = [];

        public List<double> WriteCalls { get; } = [];

        public List<double> WriteTools { get; } = [];

        public List<double> Warmup { get; } = [];

        public int NotShown { get; private set; }

        public void Add(JsonElement? measured, bool counted)
        {
            if (measured is not { } m || m.GetProperty("domAt").GetDouble() < 0)
            {
                NotShown++;
                return;
            }

            var start = m.GetProperty("start").GetDouble();
            var latency = m.GetProperty("domAt").GetDouble() - start;
            if (!counted)
            {
                Warmup.Add(latency);
                return;
            }

            Latencies.Add(latency);
            PaintLatencies.Add(m.GetProperty("paintAt").GetDouble() - start);
            WriteCalls.Add(m.GetProperty("written").GetDouble() - start);
            WriteTools.Add(m.GetProperty("writeToolMs").GetDouble());
        }
    }
}
