using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>
/// The real web editor host (samples/AppBuilder.Web) run as a child process on a free loopback port with a
/// temporary data root. The sample is built once per test run (its MSBuild targets build the React client too).
/// Disposing stops the process by its PID — first SIGTERM so the host closes its sandboxes, then a kill of the whole
/// process tree — and deletes the data root.
/// </summary>
internal sealed class WebHostProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static bool s_built;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WebHostProcess(Process process, Uri baseUrl, string dataRoot)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataRoot = dataRoot;
    }

    /// <summary>The host's root URL, ending with '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The temporary data root (accounts, projects, sandboxes).</summary>
    public string DataRoot { get; }

    /// <summary>Everything the host has written to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SampleDirectory => Path.Combine(RepositoryRoot, "samples", "AppBuilder.Web");

    /// <summary>Builds the sample (once per run) and starts it in <paramref name="environment"/>.</summary>
    public static async Task<WebHostProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null,
        string environment = "Development")
    {
        await EnsureBuiltAsync();
        var dataRoot = Path.Combine(Path.GetTempPath(), "appbuilder-web-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataRoot);
        var port = FreePort();
        var dll = Path.Combine(SampleDirectory, "bin", Configuration, "net10.0", "AppBuilder.Web.dll");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SampleDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", SampleDirectory,
            $"--Web:DataRoot={dataRoot}",
            // node_modules for the template come from the machine-wide test cache (content-addressed by lockfile).
            $"--AppBuilder:Workspace:CacheRoot={Core.SharedDependencyCache.Root}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web host.");
        var host = new WebHostProcess(process, new Uri($"http://127.0.0.1:{port}/"), dataRoot);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data, ready);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(2)));
        if (first != ready.Task)
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException(
                (first == exited ? "The web host exited during start" : "The web host did not start within 2 minutes") + ":\n" + output);
        }

        return host;
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        // The sample prints "AppBuilder web editor: <url>" once Kestrel listens.
        if (line.StartsWith("AppBuilder web editor: ", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, 15); // SIGTERM: the host shuts down and closes its sandboxes
            using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(graceful.Token);
            }
            catch (OperationCanceledException)
            {
                // Fall through to the kill.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        DeleteDirectory(DataRoot);
    }

    /// <summary>Builds samples/AppBuilder.Web (and so its client) once per test run.</summary>
    public static async Task EnsureBuiltAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            if (s_built)
            {
                return;
            }

            var build = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "build", Path.Combine(SampleDirectory, "AppBuilder.Web.csproj"), "-c", Configuration, "-nologo", "-v", "q" })
            {
                build.ArgumentList.Add(arg);
            }

            using var process = Process.Start(build) ?? throw new InvalidOperationException("Could not run dotnet build.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building samples/AppBuilder.Web failed:\n{await stdout}\n{await stderr}");
            }

            s_built = true;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>The build configuration of this test assembly (Debug or Release), used for the sample too.</summary>
    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AppBuilder.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AppBuilder.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
