using AppBuilder.Sandboxes.Local;
using AppBuilder.Sandboxes.Templates;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Sandboxes.Tests.Workspaces;

/// <summary>The real template with real npm and Vite: one cache preparation, then linked projects.</summary>
public sealed class RealViteWorkspaceTests
{
    private static readonly HttpClient Http = new();

    [RequiresFact(Prerequisite.Node)]
    public async Task Open_ReactViteTailwind_ServesTemplateHtmlUnderBasePathAndLinksCachedDependencies()
    {
        await using var harness = new WorkspaceHarness(new EmbeddedTemplateSource(), configure: o =>
        {
            o.PreviewBasePath = "/preview/{projectId}/";
            o.DevServerStartTimeout = TimeSpan.FromSeconds(60);
        });

        var first = await harness.Manager.OpenAsync("vite1", TemplateNames.ReactViteTailwind);
        var second = await harness.Manager.OpenAsync("vite2", TemplateNames.ReactViteTailwind);
        var firstResponse = await Http.GetAsync(first.PreviewUrl);
        var html = await firstResponse.Content.ReadAsStringAsync();
        var secondHtml = await Http.GetStringAsync(second.PreviewUrl);
        var vitePid = ((LocalSandboxProcess)harness.Manager.GetSupervisor("vite1")!.Process!).ProcessId;

        firstResponse.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        first.PreviewUrl!.AbsolutePath.Should().Be("/preview/vite1/");
        html.Should().Contain("<div id=\"root\"></div>").And.Contain("/preview/vite1/@vite/client");
        secondHtml.Should().Contain("/preview/vite2/@vite/client");
        harness.Cache.Preparations.Should().Be(1, "the second project links the prepared dependencies without npm");
        (await first.Sandbox.Files.ExistsAsync("node_modules/vite/package.json")).Should().BeTrue();

        await harness.Manager.CloseAsync("vite1", persist: false);
        await harness.Manager.CloseAsync("vite2", persist: false);
        ProcessIsGone(vitePid).Should().BeTrue();
    }

    // Without bubblewrap processes run as the host user; the seal only holds against confined processes.
    [RequiresFact(Prerequisite.Bubblewrap | Prerequisite.Node)]
    public async Task LinkedDependencies_ConfinedProcessWritesThroughLink_IsRefusedAndCacheIsIntact()
    {
        await using var harness = new WorkspaceHarness(new EmbeddedTemplateSource());
        var workspace = await harness.Manager.OpenAsync("seal", TemplateNames.ReactViteTailwind);
        var before = await workspace.Sandbox.Files.ReadTextAsync("node_modules/react/package.json");

        var write = await workspace.Sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", "echo tampered >> node_modules/react/package.json"));
        var chmod = await workspace.Sandbox.Processes.RunAsync(ProcessSpec.Of("chmod", "u+w", "node_modules/react/package.json"));

        write.ExitCode.Should().NotBe(0);
        chmod.ExitCode.Should().NotBe(0);
        (await workspace.Sandbox.Files.ReadTextAsync("node_modules/react/package.json")).Should().Be(before);
        await harness.Manager.CloseAsync("seal", persist: false);
    }

    private static bool ProcessIsGone(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
