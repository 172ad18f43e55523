using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AppBuilder.Sandboxes;
using AppBuilder.Sandboxes.Local;
using AppBuilder.Sandboxes.Templates;
using AppBuilder.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Bench.Preview;

/// <summary>
/// Measures time from "create project" to the preview answering 200 with the app's HTML: (a) cold, with an empty
/// dependency cache; (b) warm, cache ready (median of several runs); (c) the seed-003 flow: copy the template,
/// <c>npm install</c> from scratch (the machine's normal npm cache, no node_modules), start Vite. All in one run.
/// </summary>
public static class PreviewStartupBench
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Runs the three measurements. Everything it creates lives under a temporary folder it deletes.</summary>
    /// <param name="warmRuns">How many warm starts to measure.</param>
    /// <param name="cancellationToken">Cancels the benchmark.</param>
    public static async Task<PreviewStartupResult> RunAsync(int warmRuns = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmRuns, 1);
        var root = Directory.CreateTempSubdirectory("appbuilder-bench-preview-").FullName;
        try
        {
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<ISnapshotStore, NoSnapshots>();
            services.AddAppBuilderCore()
                .AddLocalSandboxes(o => o.WorkRoot = Path.Join(root, "sandboxes"))
                .AddWorkspaces(o => o.CacheRoot = Path.Join(root, "cache"));
            await using var provider = services.BuildServiceProvider();
            var manager = provider.GetRequiredService<IWorkspaceManager>();
            var confined = await provider.GetRequiredService<Bubblewrap>().IsEnabledAsync().ConfigureAwait(false);

            var cold = await OpenOnceAsync(manager, "benchcold", cancellationToken).ConfigureAwait(false);
            var warm = new List<double>();
            for (var i = 0; i < warmRuns; i++)
            {
                warm.Add(await OpenOnceAsync(manager, "benchwarm" + i, cancellationToken).ConfigureAwait(false));
            }

            var seed = await SeedFlowAsync(Path.Join(root, "seed"), provider.GetRequiredService<ITemplateSource>(), cancellationToken).ConfigureAwait(false);
            var sorted = warm.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            return new PreviewStartupResult(cold, warm, median, seed, confined);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task<double> OpenOnceAsync(IWorkspaceManager manager, string projectId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workspace = await manager.OpenAsync(projectId, TemplateNames.ReactViteTailwind, cancellationToken).ConfigureAwait(false);
        await ExpectAppHtmlAsync(workspace.PreviewUrl!, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await manager.CloseAsync(projectId, persist: false, cancellationToken).ConfigureAwait(false);
        return elapsed;
    }

    private static async Task<double> SeedFlowAsync(string folder, ITemplateSource templates, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await templates.MaterializeToDirectoryAsync(TemplateNames.ReactViteTailwind, folder, cancellationToken).ConfigureAwait(false);
        using (var install = Start(folder, "npm", "install", "--no-audit", "--no-fund"))
        {
            await install.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install failed with exit code {install.ExitCode}.");
            }
        }

        var port = FreePort();
        using var vite = Start(folder, "node", "node_modules/vite/bin/vite.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--strictPort");
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}/");
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await ExpectAppHtmlAsync(url, cancellationToken).ConfigureAwait(false);
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            vite.Kill(entireProcessTree: true);
            await vite.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ExpectAppHtmlAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var html = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK || !html.Contains("<div id=\"root\">", StringComparison.Ordinal))
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} without the app's HTML.");
        }
    }

    private static Process Start(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A snapshot store with no snapshots: every benchmark project starts from the template.</summary>
    private sealed class NoSnapshots : ISnapshotStore
    {
        public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The preview benchmark never persists.");

        public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SnapshotInfo>>([]);

        public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SnapshotFile>?>(null);

        public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
