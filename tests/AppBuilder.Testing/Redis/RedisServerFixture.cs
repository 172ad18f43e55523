using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Testing.Redis;

/// <summary>
/// A real Redis server (Debian's <c>redis-server</c>) for a test class: started on a free 127.0.0.1 port with a
/// fresh working folder, no persistence and no password, and stopped on dispose by signalling its process id (SIGTERM;
/// killed if it has not exited after 10 seconds). <see cref="StopAsync"/> and <see cref="StartAsync"/> take it down
/// and bring it back on the same port (empty, as a restarted server without persistence is) for outage tests.
/// Without <c>redis-server</c> (see <see cref="Prerequisite.Redis"/>) it starts nothing and the tests marked
/// <c>[RequiresFact(Prerequisite.Redis)]</c> are skipped; under CI a failed start throws with the server's output.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private const int SigTerm = 15;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The working folder of the server; deleted on dispose.</summary>
    public string RootDirectory { get; } = Path.Combine(Path.GetTempPath(), "appbuilder-redis-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The port the server listens (or last listened) on.</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis connection string of the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The server's process id, or <see langword="null"/> while stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!PrerequisiteProbe.IsPresent(Prerequisite.Redis) && !PrerequisiteProbe.RequireAll)
        {
            return; // the tests are skipped with the reason
        }

        Directory.CreateDirectory(RootDirectory);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await StartAsync().ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && Output().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the free port between the probe and the bind: try another one.
            }
        }
    }

    /// <summary>Starts the server on <see cref="Port"/> and waits until it answers <c>PING</c>.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RootDirectory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", RootDirectory,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await PingAsync().ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await StopAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"redis-server did not answer on port {Port}:\n{Output()}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server by its process id (SIGTERM, then a kill after 10 seconds). The port is kept for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                _ = Kill(process.Id, SigTerm);
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    await process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
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
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    /// <summary>What the server printed so far (for diagnostics).</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[16];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
