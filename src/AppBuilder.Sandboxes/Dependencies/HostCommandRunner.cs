using System.ComponentModel;
using System.Diagnostics;
using AppBuilder.Sandboxes.Internal;

namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>Runs host commands with the host's environment (so npm finds its usual cache and configuration).</summary>
internal sealed class HostCommandRunner(TimeProvider time) : IHostCommandRunner
{
    private const int OutputCap = 256 * 1024;

    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> command, string workingDirectory, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        for (var i = 1; i < command.Count; i++)
        {
            start.ArgumentList.Add(command[i]);
        }

        var started = time.GetTimestamp();
        using var process = new Process { StartInfo = start };
        try
        {
            ProcessSpawner.Start(process);
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(127, "", $"{command[0]}: {e.Message}", false, false, time.GetElapsedTime(started));
        }

        process.StandardInput.Close();
        var stdout = new CappedOutput(OutputCap);
        var stderr = new CappedOutput(OutputCap);
        var drains = Task.WhenAll(stdout.DrainAsync(process.StandardOutput.BaseStream), stderr.DrainAsync(process.StandardError.BaseStream));
        using var limit = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        await Task.WhenAny(drains, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
        return new ProcessResult(timedOut ? -1 : process.ExitCode, stdout.GetText(), stderr.GetText(), timedOut,
            stdout.Truncated || stderr.Truncated, time.GetElapsedTime(started));
    }
}
