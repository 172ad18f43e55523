using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace AppBuilder.Testing.PostgreSql;

/// <summary>
/// A real PostgreSQL server for a test run: a fresh cluster (initdb) in a temporary folder, started on a free
/// 127.0.0.1 port with password (SCRAM) authentication, and stopped on dispose by signalling the postmaster's process
/// id (a fast shutdown; killed if it has not exited after 20 seconds). As root, initdb and postgres run as the
/// <c>postgres</c> system user, which then owns the folder. Each test class asks for its own database with
/// <see cref="CreateDatabaseAsync"/>. When the server is missing (and CI's APPBUILDER_REQUIRE_ALL_PREREQUISITES is not set) the fixture starts
/// nothing (the tests are skipped); otherwise a missing prerequisite or a failed start throws with the reason.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private const int SigInt = 2;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private NpgsqlDataSource? _admin;
    private int? _stoppedPort;

    /// <summary>The folder holding the cluster, its socket and its password file; deleted on dispose. Under the
    /// temporary folder, or under <c>/tmp</c> as root (the server user must be able to reach it).</summary>
    public string RootDirectory { get; } = Path.Combine(
        PostgreSqlPrerequisite.RunAs is null ? Path.GetTempPath() : "/tmp", "appbuilder-pg-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The superuser the cluster was created with.</summary>
    public string UserName => "appbuilder";

    /// <summary>The superuser's password (random per run).</summary>
    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    /// <summary>The port the server listens on (0 while stopped).</summary>
    public int Port { get; private set; }

    /// <summary>The postmaster's process id, or <see langword="null"/> while stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PostgreSqlPrerequisite.MissingReason is not null && !Prerequisites.PrerequisiteProbe.RequireAll)
        {
            return; // the tests are skipped with the reason (RequiresFact / the suite's Prerequisites)
        }

        if (PostgreSqlPrerequisite.MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        Directory.CreateDirectory(RootDirectory);
        var passwordFile = Path.Combine(RootDirectory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, Password + "\n").ConfigureAwait(false);
        GiveToServerUser(RootDirectory);
        GiveToServerUser(passwordFile);

        var (initdbExit, initdbOutput) = await RunToEndAsync("initdb",
            ["-D", DataDirectory, "-U", UserName, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8",
             "--locale=C", "--no-sync", "--no-instructions"]).ConfigureAwait(false);
        if (initdbExit != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {initdbExit}:\n{initdbOutput}");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync().ConfigureAwait(false);
                break;
            }
            catch (InvalidOperationException) when (attempt < 5 && Output().Contains("could not bind", StringComparison.Ordinal))
            {
                // Another process took the free port between the probe and the bind: try another one.
            }
        }

        _admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
    }

    /// <summary>The connection string of <paramref name="database"/> on this server, as the superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = UserName,
            Password = Password,
            Timeout = 10,
        }.ConnectionString;

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Runs SQL on the <c>postgres</c> database as the superuser and returns the number of rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        var admin = _admin ?? throw new InvalidOperationException("The PostgreSQL server is not running.");
        var command = admin.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
            _admin = null;
        }

        await StopAsync().ConfigureAwait(false);
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Stops the server mid-test (by its process id, PostgreSQL's fast shutdown: every session ends) as an outage
    /// would; the cluster and the port are kept, so <see cref="StartServerAsync"/> brings the same server back at the
    /// same connection string. Use a fixture of the test's own: every user of this server loses it meanwhile.
    /// </summary>
    public async Task StopServerAsync()
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The PostgreSQL server is not running.");
        }

        var port = Port;
        await StopAsync().ConfigureAwait(false);
        _stoppedPort = port;
    }

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>, on the port it had, and waits until it
    /// accepts connections.</summary>
    public async Task StartServerAsync()
    {
        if (_process is not null || _stoppedPort is not { } port)
        {
            throw new InvalidOperationException("The PostgreSQL server was not stopped with StopServerAsync.");
        }

        await StartAsync(port).ConfigureAwait(false);
        _stoppedPort = null;
    }

    /// <summary>What the server and initdb printed so far (for diagnostics).</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private async Task StartAsync(int? port = null)
    {
        Port = port ?? FreePort();
        var process = Start("postgres",
            ["-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + RootDirectory,
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=300", "-c", "shared_buffers=32MB", "-c", "logging_collector=off"]);
        _process = process;

        var connectionString = ConnectionString("postgres");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync().ConfigureAwait(false);
                var code = process.ExitCode;
                _process = null;
                process.Dispose();
                throw new InvalidOperationException($"postgres exited with code {code} before accepting connections:\n{Output()}");
            }

            try
            {
                var probe = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=2");
                await using (probe.ConfigureAwait(false))
                {
                    await probe.OpenAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    await StopAsync().ConfigureAwait(false);
                    throw new InvalidOperationException($"postgres did not accept connections within 60 seconds:\n{Output()}", ex);
                }

                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private async Task StopAsync()
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
                // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster is left consistent.
                _ = Kill(process.Id, SigInt);
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private async Task<(int ExitCode, string Output)> RunToEndAsync(string tool, IReadOnlyList<string> arguments)
    {
        var start = StartInfo(tool, arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        lock (_output)
        {
            _output.AppendLine(output);
        }

        return (process.ExitCode, output);
    }

    private Process Start(string tool, IReadOnlyList<string> arguments)
    {
        var process = new Process { StartInfo = StartInfo(tool, arguments) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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

    /// <summary>Runs <paramref name="tool"/> from the server's bin folder; as root through setpriv, which execs it as the
    /// server user (so the process id is the tool's own).</summary>
    private ProcessStartInfo StartInfo(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(PostgreSqlPrerequisite.BinDirectory!, tool);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RootDirectory,
        };
        if (PostgreSqlPrerequisite.RunAs is { } user)
        {
            start.FileName = "/usr/bin/setpriv";
            foreach (var argument in new[] { $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--", executable })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        return start;
    }

    private static void GiveToServerUser(string path)
    {
        if (PostgreSqlPrerequisite.RunAs is { } user && Chown(path, user.Uid, user.Gid) != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to the PostgreSQL user (errno {Marshal.GetLastWin32Error()}).");
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

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
