using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.EndToEnd.Tests.Core;
using AppBuilder.EndToEnd.Tests.Web;
using AppBuilder.Testing.Mcp;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.EndToEnd.Tests.Mcp;

/// <summary>
/// AppBuilder as an MCP server, driven by the official TypeScript SDK client (<c>@modelcontextprotocol/sdk</c> from npm,
/// Mcp/mcp-client.mjs): over stdio against <c>appbuilder mcp</c> (the console host on the replay model and a temporary
/// data root) and over streamable HTTP against the real web host on Kestrel, signed in with personal access tokens.
/// Each lists the tools, creates a project, runs the recorded todo turn (receiving progress notifications), reads the
/// file it wrote, lists checkpoints and restores one.
/// </summary>
public sealed class McpTypeScriptClientTests
{
    private static readonly SemaphoreSlim ConsoleBuildLock = new(1, 1);
    private static bool s_consoleBuilt;

    [RequiresFact(Prerequisite.Node)]
    public async Task Stdio_ConsoleHost_BuildsAnAppThroughTheTypeScriptClient()
    {
        var dll = await BuildConsoleAsync();
        var data = Path.Combine(Path.GetTempPath(), "appbuilder-mcp-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        // The console host keeps its dependency cache under <data>/cache: point it at the tests' shared, warm one.
        Directory.CreateDirectory(SharedDependencyCache.Root);
        Directory.CreateSymbolicLink(Path.Combine(data, "cache"), SharedDependencyCache.Root);
        try
        {
            var report = await RunClientAsync(new
            {
                transport = "stdio",
                command = "dotnet",
                args = new[] { dll, "--data", data, "mcp" },
                env = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development", ["DOTNET_NOLOGO"] = "1" },
                cwd = data,
                prompt = ReplayRecordings.TodoPrompt,
            });

            AssertBuiltAndRestored(report);
            report.GetProperty("preview").GetProperty("text").GetString().Should().Contain("http://127.0.0.1:");
            report.GetProperty("transportErrors").EnumerateArray().Should().BeEmpty(
                "nothing but MCP messages may reach stdout (server stderr: {0})", report.GetProperty("serverStderr").GetString());
        }
        finally
        {
            // The link first, on its own: the shared cache it points at is never deleted.
            Directory.Delete(Path.Combine(data, "cache"));
            DeleteDirectory(data);
        }
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Http_WebHost_BuildsAnAppThroughTheTypeScriptClient_UnderTheCallersAccess()
    {
        await using var host = await WebHostProcess.StartAsync(new Dictionary<string, string> { ["Accounts:AllowRegistration"] = "true" });
        var token = await TokenForNewAccountAsync(host.BaseUrl, "mcp-owner");
        var otherToken = await TokenForNewAccountAsync(host.BaseUrl, "mcp-other");

        var report = await RunClientAsync(new
        {
            transport = "http",
            url = new Uri(host.BaseUrl, "mcp").ToString(),
            token,
            otherToken,
            prompt = ReplayRecordings.TodoPrompt,
        }, host.Output);

        AssertBuiltAndRestored(report);
        report.GetProperty("preview").GetProperty("text").GetString().Should().Contain(".preview.localhost").And.Contain("/__appbuilder/grant?token=");
        report.GetProperty("anonymousStatus").GetInt32().Should().Be(401);
        report.GetProperty("anonymousChallenge").GetString().Should().StartWith("Bearer");
        var other = report.GetProperty("otherUser");
        other.GetProperty("readIsError").GetBoolean().Should().BeTrue();
        other.GetProperty("readText").GetString().Should().Be(other.GetProperty("missingText").GetString())
            .And.StartWith("Project not found");
        other.GetProperty("writeText").GetString().Should().Be(other.GetProperty("missingText").GetString());
        other.GetProperty("listsProject").GetBoolean().Should().BeFalse();
        report.GetProperty("afterOtherUser").GetString().Should().Be(report.GetProperty("fileText").GetString());
    }

    private static void AssertBuiltAndRestored(JsonElement report)
    {
        report.GetProperty("serverName").GetString().Should().Be("appbuilder");
        report.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo(
            "chat", "create_project", "get_preview_url", "list_checkpoints", "list_files", "list_projects", "read_file",
            "restore_checkpoint", "write_file");
        report.GetProperty("createIsError").GetBoolean().Should().BeFalse();
        report.GetProperty("chatIsError").GetBoolean().Should().BeFalse(report.GetProperty("answer").GetString());
        report.GetProperty("answer").GetString().Should().NotBeNullOrWhiteSpace();
        var summary = report.GetProperty("summary");
        summary.GetProperty("reason").GetString().Should().Be("completed");
        summary.GetProperty("filesChanged").EnumerateArray().Select(f => f.GetString()).Should().Contain("src/App.tsx");
        var progress = report.GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        progress.Should().Contain(m => m.StartsWith("tool_call write", StringComparison.Ordinal))
            .And.Contain(m => m.StartsWith("file_change ", StringComparison.Ordinal) && m.EndsWith("src/App.tsx", StringComparison.Ordinal))
            .And.Contain(m => m.StartsWith("text ", StringComparison.Ordinal))
            .And.Contain(m => m.StartsWith("checkpoint ", StringComparison.Ordinal));
        progress[^1].Should().StartWith("done completed");
        report.GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("progress").GetDouble()).Should().BeInAscendingOrder();

        report.GetProperty("file").GetString().Should().Be("src/App.tsx");
        report.GetProperty("readIsError").GetBoolean().Should().BeFalse();
        report.GetProperty("fileText").GetString().Should().Contain(ReplayRecordings.TodoHeading);
        report.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetInt32()).Should().Contain(summary.GetProperty("checkpoint").GetInt32());
        report.GetProperty("writeIsError").GetBoolean().Should().BeFalse();
        report.GetProperty("restoreIsError").GetBoolean().Should().BeFalse(report.GetProperty("restoreText").GetString());
        report.GetProperty("restoredText").GetString().Should().Be(report.GetProperty("fileText").GetString());
        var hostile = report.GetProperty("hostile");
        hostile.GetProperty("isError").GetBoolean().Should().BeTrue();
        hostile.GetProperty("text").GetString().Should().Contain("not allowed").And.NotContain(Path.GetTempPath());
    }

    /// <summary>Registers an account on the web host, then makes a personal access token from its cookie session.</summary>
    private static async Task<string> TokenForNewAccountAsync(Uri baseUrl, string name)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl };
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        (await http.PostAsJsonAsync("/auth/register", new { email, password = "correct-horse-battery" })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/auth/tokens", new { name = "e2e" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> RunClientAsync(object scenario, string? hostOutput = null)
    {
        var sdk = await McpTypeScriptSdk.EnsureInstalledAsync();
        var scenarioPath = Path.Combine(Path.GetTempPath(), "appbuilder-mcp-scenario-" + Guid.NewGuid().ToString("N")[..12] + ".json");
        await File.WriteAllTextAsync(scenarioPath, JsonSerializer.Serialize(scenario));
        try
        {
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mcp", "mcp-client.mjs"));
            start.ArgumentList.Add(sdk);
            start.ArgumentList.Add(scenarioPath);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The MCP client script did not finish within 10 minutes:\n{await stderr}\n{hostOutput}");
            }

            process.ExitCode.Should().Be(0, "the client script failed:\n{0}\nhost output:\n{1}", await stderr, hostOutput);
            return JsonDocument.Parse(await stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(scenarioPath);
        }
    }

    /// <summary>Builds samples/AppBuilder.Console once per run and returns the path of appbuilder.dll.</summary>
    private static async Task<string> BuildConsoleAsync()
    {
        var project = Path.Combine(WebHostProcess.RepositoryRoot, "samples", "AppBuilder.Console");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "appbuilder.dll");
        await ConsoleBuildLock.WaitAsync();
        try
        {
            if (s_consoleBuilt)
            {
                return dll;
            }

            var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "build", Path.Combine(project, "AppBuilder.Console.csproj"), "-c", configuration, "-nologo", "-v", "q" })
            {
                build.ArgumentList.Add(arg);
            }

            using var process = Process.Start(build) ?? throw new InvalidOperationException("Could not run dotnet build.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, "building samples/AppBuilder.Console failed:\n{0}\n{1}", await stdout, await stderr);
            s_consoleBuilt = true;
            return dll;
        }
        finally
        {
            ConsoleBuildLock.Release();
        }
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
