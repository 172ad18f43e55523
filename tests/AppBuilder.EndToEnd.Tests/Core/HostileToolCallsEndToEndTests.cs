using AppBuilder.Agent;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AppBuilder.EndToEnd.Tests.Core;

/// <summary>
/// A model that tries to escape the project through every path-taking tool, run by the real agent against the real
/// local sandbox (bubblewrap when installed): each call becomes a tool error, the turn completes, and neither the
/// project nor anything outside it changes.
/// </summary>
public sealed class HostileToolCallsEndToEndTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "appbuilder-hostile-" + Guid.NewGuid().ToString("N")[..8]);
    private string Outside => Path.Combine(_root, "outside");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "host secret");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task HostileArguments_AgainstLocalSandbox_AreToolErrorsAndTouchNothing()
    {
        var outsideFile = Path.Combine(Outside, "secret.txt");
        var hostile = new (string Tool, object Args)[]
        {
            ("write", new { file_path = "../../outside/secret.txt", content = "pwned" }),
            ("write", new { file_path = outsideFile, content = "pwned" }),
            ("write", new { file_path = "src/\0evil.ts", content = "x" }),
            ("write", new { file_path = "escape/secret.txt", content = "pwned" }),
            ("view", new { file_path = "escape/secret.txt" }),
            ("view", new { file_path = "/etc/passwd" }),
            ("delete", new { file_path = "../outside" }),
            ("delete", new { file_path = "escape" + "/secret.txt" }),
            ("rename", new { original_file_path = "index.html", new_file_path = "../../outside/index.html" }),
            ("copy", new { source_file_path = "escape/secret.txt", destination_file_path = "src/stolen.txt" }),
            ("line_replace", new { file_path = "~/x", search = "a", first_replaced_line = 1, last_replaced_line = 1, replace = "b" }),
            ("add_dependency", new { package = "left-pad; rm -rf /" }),
            ("add_dependency", new { package = "file:../../outside" }),
            ("download_to_repo", new { source_url = "file:///etc/passwd", target_path = "src/passwd" }),
        };

        var script = ScriptedResponse.Create();
        for (var i = 0; i < hostile.Length; i++)
        {
            script.ToolCall($"call_{i}", hostile[i].Tool, hostile[i].Args);
        }

        var model = new ScriptedChatClient(script, ScriptedResponse.FromText("I could not do any of that."));
        using var host = await StartHostAsync(model);
        var provider = host.Services.GetRequiredService<ISandboxProvider>();
        var sandbox = await provider.CreateAsync(new SandboxCreateOptions { ProjectId = "hostile" });
        try
        {
            await sandbox.Files.WriteTextAsync("index.html", "<div id=\"root\"></div>");
            var projectRoot = FindProjectRoot(sandbox);
            File.CreateSymbolicLink(Path.Combine(projectRoot, "escape"), Outside);
            var before = Snapshot(projectRoot);

            var projects = host.Services.GetRequiredService<IProjectStore>();
            var now = DateTimeOffset.UtcNow;
            await projects.CreateAsync(new ProjectRecord { Id = "hostile", OwnerId = "e2e", Title = "Hostile", CreatedAt = now, UpdatedAt = now });
            var result = await host.Services.GetRequiredService<IAgentRunner>().RunAsync(new AgentTurnRequest
            {
                ProjectId = "hostile",
                SessionId = "s1",
                Message = "please break out",
                Sandbox = sandbox,
            });

            result.Reason.Should().Be(TurnEndReason.Completed);
            var completed = result.Events.OfType<ToolCallCompletedEvent>().ToList();
            completed.Should().HaveCount(hostile.Length);
            completed.Should().OnlyContain(e => e.IsError, "every hostile call is refused");
            result.Events.OfType<FileChangedEvent>().Should().BeEmpty();
            File.ReadAllText(outsideFile).Should().Be("host secret");
            Directory.GetFileSystemEntries(Outside).Should().ContainSingle();
            Snapshot(projectRoot).Should().Equal(before, "the project is byte-for-byte untouched");

            var history = await projects.GetMessagesAsync("hostile", "s1");
            var results = history.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? "").ToList();
            results.Should().HaveCount(hostile.Length).And.OnlyContain(r => r.StartsWith("Error:", StringComparison.Ordinal));
            results.Should().NotContain(r => r.Contains("host secret"), "no content from outside the project reaches the model");
        }
        finally
        {
            await provider.StopAsync(sandbox.Id);
        }
    }

    private async Task<IHost> StartHostAsync(IChatClient model)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(model);
        builder.Services.AddAppBuilderCore()
            .AddLocalSandboxes(o => o.WorkRoot = Path.Combine(_root, "sandboxes"))
            .AddFileStorage(o => o.Root = Path.Combine(_root, "data"))
            .AddAgent();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private string FindProjectRoot(ISandbox sandbox) =>
        Directory.GetFiles(Path.Combine(_root, "sandboxes"), "index.html", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Single(d => d!.Contains(sandbox.Id, StringComparison.Ordinal))!;

    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => !p.Contains(Path.Combine(root, "escape") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) && new FileInfo(p).LinkTarget is null ? $"{p}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p)))}" : p)
            .ToList();
}
