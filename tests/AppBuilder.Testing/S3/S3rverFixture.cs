using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Testing.S3;

/// <summary>
/// A real s3rver (an S3-compatible server from npm) on 127.0.0.1 for the length of a test class: installed into the
/// per-machine cache when missing, started on a free port with a fresh data folder and a bucket named
/// <see cref="Bucket"/>, and stopped by its process handle on dispose. If s3rver cannot be installed or started, the
/// fixture throws with the reason, so S3 tests fail rather than silently skip. Without Node.js and npm (see
/// <see cref="Prerequisite.Node"/>) it does not start at all: the tests that use it are marked as needing them and are
/// reported as skipped (failed under <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c>).
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The bucket created at start.</summary>
    public string Bucket { get; } = "appbuilder-test";

    /// <summary>The access key s3rver accepts.</summary>
    public string AccessKey => "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public string SecretKey => "S3RVER";

    /// <summary>The folder s3rver keeps its objects in; deleted on dispose.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "appbuilder-s3rver-" + Guid.NewGuid().ToString("N"));

    /// <summary>The port s3rver listens on (0 while stopped).</summary>
    public int Port { get; private set; }

    /// <summary>The service URL to give an S3 client (use path-style addressing).</summary>
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The id of the s3rver process, or <see langword="null"/> while stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <inheritdoc />
    public Task InitializeAsync() => PrerequisiteProbe.IsPresent(Prerequisite.Node) ? StartAsync() : Task.CompletedTask;

    /// <summary>Starts s3rver (again, after <see cref="StopAsync"/>) over the same data folder, on a new free port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("s3rver is already running.");
        }

        var script = await S3rverInstaller.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0 lets the kernel pick a free port, which s3rver prints; no race with other processes over a port.
        foreach (var argument in new[] { script, "--directory", DataDirectory, "--address", "127.0.0.1", "--port", "0", "--silent", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, null);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"s3rver exited before it listened. Output:\n{Output()}"));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start node to run s3rver: {ex.Message}. Install Node.js.", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await StopAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"s3rver did not report listening within 60 seconds. Output:\n{Output()}");
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops s3rver by its process handle; its data folder is kept for a later <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        Port = 0;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It was never started or has already been reaped.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>What s3rver printed so far (for diagnostics).</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void OnLine(string? line, TaskCompletionSource<int>? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (listening is not null && ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"S3rver listening on \S+:(\d+)")]
    private static partial Regex ListeningLine();
}
