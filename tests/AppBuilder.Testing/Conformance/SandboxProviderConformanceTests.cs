using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The conformance suite every <see cref="ISandboxProvider"/> passes: everything in
/// <see cref="SandboxProviderCoreConformanceTests"/> (lifecycle, leases, files, hostile paths, links) plus processes
/// (exit codes, timeouts, output caps, environment, working folder, background streaming) and ports. Derive a class per
/// provider (and per configuration) and implement <see cref="SandboxProviderCoreConformanceTests.CreateProviderAsync"/>.
/// </summary>
/// <remarks>The suite needs a POSIX userland in the sandbox (<c>sh</c>, <c>sleep</c>, <c>cat</c>, <c>ln</c>,
/// <c>head</c>, <c>tr</c>) and <c>node</c> for the port test (that fact needs <see cref="Prerequisite.Node"/>).</remarks>
public abstract partial class SandboxProviderConformanceTests : SandboxProviderCoreConformanceTests
{
    [ConformanceFact]
    public async Task Stop_RunningSandbox_KillsProcessesAndForgetsIt()
    {
        var sandbox = await CreateSandboxAsync();
        var process = await sandbox.Processes.StartAsync(ProcessSpec.Of("sleep", "300"), Timeout);

        await Provider.StopAsync(sandbox.Id, Timeout);

        (await process.WaitForExitAsync(Timeout)).Should().NotBe(0);
        process.HasExited.Should().BeTrue();
        (await Provider.ListAsync(Timeout)).Should().NotContain(i => i.Id == sandbox.Id);
        (await Provider.ConnectAsync(sandbox.Id, Timeout)).Should().BeNull();
    }
}
