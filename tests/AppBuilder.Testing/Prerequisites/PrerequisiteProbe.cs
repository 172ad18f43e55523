using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace AppBuilder.Testing.Prerequisites;

/// <summary>
/// Finds out, once per test process, whether each <see cref="Prerequisite"/> is present, and says why not when it is
/// missing. Probes run real commands (<c>bwrap … true</c>, <c>node --version</c>, a Docker <c>/_ping</c>), not just a
/// lookup on <c>PATH</c>, so a broken install counts as missing.
/// </summary>
/// <remarks>Thread-safe: each probe runs at most once and its answer is cached.</remarks>
public static class PrerequisiteProbe
{
    /// <summary>The environment variable that turns a missing prerequisite into a failing test instead of a skip.</summary>
    public const string RequireAllVariable = "APPBUILDER_REQUIRE_ALL_PREREQUISITES";

    private static readonly ConcurrentDictionary<Prerequisite, Lazy<string?>> s_answers = new();

    /// <summary>Whether <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES</c> is <c>1</c> or <c>true</c>: a missing prerequisite fails the test.</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) is "1" or "true" or "TRUE" or "True";

    /// <summary>Whether every prerequisite in <paramref name="prerequisites"/> is present.</summary>
    public static bool IsPresent(Prerequisite prerequisites) => MissingReason(prerequisites) is null;

    /// <summary>
    /// Why the prerequisites in <paramref name="prerequisites"/> are not all present (one sentence per missing one,
    /// with how to install it), or <see langword="null"/> when they all are.
    /// </summary>
    public static string? MissingReason(Prerequisite prerequisites)
    {
        var reasons = new List<string>();
        foreach (var single in Enum.GetValues<Prerequisite>())
        {
            if (single != Prerequisite.None && prerequisites.HasFlag(single)
                && s_answers.GetOrAdd(single, p => new Lazy<string?>(() => Probe(p))).Value is { } reason)
            {
                reasons.Add(reason);
            }
        }

        return reasons.Count == 0 ? null : string.Join(" ", reasons);
    }

    /// <summary>The message of a test that could not run: the skip reason, or under <see cref="RequireAll"/> the failure.</summary>
    public static string Describe(string missingReason) => RequireAll
        ? $"Missing prerequisite, and {RequireAllVariable}=1 forbids skipping: {missingReason} Run eng/setup.sh."
        : $"Skipped, prerequisite missing: {missingReason} Run eng/setup.sh to install it.";

    private static string? Probe(Prerequisite prerequisite) => prerequisite switch
    {
        Prerequisite.Bubblewrap => ProbeBubblewrap(),
        Prerequisite.Node => ProbeNode(),
        Prerequisite.Chromium => ProbeChromium(),
        Prerequisite.Docker => ProbeDocker(),
        Prerequisite.PostgreSql => ProbePostgreSql(),
        Prerequisite.Redis => Run("redis-server", ["--version"]).Error is { } error
            ? $"redis-server does not run ({error}); install it with apt-get install redis-server."
            : null,
        _ => throw new ArgumentOutOfRangeException(nameof(prerequisite), prerequisite, "Unknown prerequisite."),
    };

    private static string? ProbeBubblewrap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "bubblewrap only runs on Linux.";
        }

        // The same namespaces the local sandbox provider asks for, so "present" means the provider can confine.
        var (_, error) = Run("bwrap", ["--die-with-parent", "--new-session", "--unshare-all", "--share-net", "--cap-drop", "ALL",
            "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "true"]);
        return error is null ? null
            : $"bubblewrap (bwrap) is not installed or cannot create namespaces here ({error}); install it with apt-get install bubblewrap.";
    }

    private static string? ProbeNode()
    {
        var (version, error) = Run("node", ["--version"]);
        if (error is not null)
        {
            return $"Node.js does not run ({error}); install it with apt-get install nodejs npm.";
        }

        var major = version.TrimStart('v').Split('.')[0];
        if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 20)
        {
            return $"Node.js 20 or newer is needed, found {version.Trim()}.";
        }

        return Run("npm", ["--version"]).Error is { } npmError
            ? $"npm does not run ({npmError}); install it with apt-get install npm."
            : null;
    }

    private static string? ProbeChromium()
    {
        const string path = "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            return $"{path} is missing; install Debian's Chromium with apt-get install chromium (tests never download browsers).";
        }

        return Run(path, ["--headless", "--no-sandbox", "--version"]).Error is { } error
            ? $"{path} does not run ({error})."
            : null;
    }

    private static string? ProbeDocker()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = string.IsNullOrEmpty(host) ? "/var/run/docker.sock"
            : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..]
            : null;
        if (socket is null)
        {
            return $"DOCKER_HOST={host} is not a unix:// socket; only a local Docker daemon is supported by the tests.";
        }

        if (!File.Exists(socket))
        {
            return $"no Docker daemon socket at {socket}; install docker.io and start dockerd.";
        }

        try
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct).ConfigureAwait(false);
                    return new NetworkStream(s, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            var answer = http.GetStringAsync(new Uri("http://docker/_ping")).GetAwaiter().GetResult();
            return answer == "OK" ? null : $"the Docker daemon at {socket} answered '{answer}' to /_ping.";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TaskCanceledException)
        {
            return $"the Docker daemon at {socket} does not answer ({e.Message}); start dockerd.";
        }
    }

    // One probe for the server binaries and the user to run them as: the fixture that starts the server uses it too.
    private static string? ProbePostgreSql() => PostgreSql.PostgreSqlPrerequisite.MissingReason;

    /// <summary>Runs a program for at most 20 seconds; returns its standard output, or the reason it failed.</summary>
    private static (string Output, string? Error) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return ("", $"{program} did not finish within 20 seconds");
            }

            var output = stdout.GetAwaiter().GetResult();
            var error = stderr.GetAwaiter().GetResult().Trim();
            return process.ExitCode == 0
                ? (output, null)
                : (output, $"{program} exited with code {process.ExitCode}{(error.Length > 0 ? ": " + Shorten(error) : "")}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ("", $"{program} was not found on PATH or could not start");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
