using System.Diagnostics;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// Turns a <see cref="ProcessSpec"/> into a <see cref="ProcessStartInfo"/> for one sandbox: an argument vector (never a
/// shell string), a working folder inside the project, a clean environment (nothing inherited from the host except
/// proxy settings) and, when bubblewrap is enabled, the <c>bwrap</c> wrapper.
/// </summary>
internal sealed class ProcessLauncher
{
    private const string SystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly string[] PassThroughVariables =
        ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];

    private readonly ConfinedRoot _root;
    private readonly string _home;
    private readonly IReadOnlyDictionary<string, string> _sandboxEnvironment;
    private readonly Bubblewrap? _bubblewrap;

    /// <param name="root">The project folder.</param>
    /// <param name="home">The sandbox's private home folder (HOME, npm's cache).</param>
    /// <param name="sandboxEnvironment">Variables every process of the sandbox receives.</param>
    /// <param name="bubblewrap">The wrapper, or null to run plain processes.</param>
    public ProcessLauncher(ConfinedRoot root, string home, IReadOnlyDictionary<string, string> sandboxEnvironment, Bubblewrap? bubblewrap)
    {
        _root = root;
        _home = home;
        _sandboxEnvironment = sandboxEnvironment;
        _bubblewrap = bubblewrap;
    }

    /// <summary>Whether processes run inside bubblewrap.</summary>
    public bool Confined => _bubblewrap is not null;

    /// <summary>Builds the start info for <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The command is empty.</exception>
    /// <exception cref="SandboxPathException">The working folder leaves the project.</exception>
    /// <exception cref="DirectoryNotFoundException">The working folder does not exist.</exception>
    public ProcessStartInfo Create(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Command is null || spec.Command.Count == 0 || string.IsNullOrEmpty(spec.Command[0]))
        {
            throw new ArgumentException("The command needs at least a program name.", nameof(spec));
        }

        foreach (var arg in spec.Command)
        {
            if (arg is null || arg.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("Command arguments must not be null or contain NUL bytes.", nameof(spec));
            }
        }

        var workingDirectory = _root.Resolve(spec.WorkingDirectory, allowRoot: true);
        if (!Directory.Exists(workingDirectory.Real))
        {
            throw new DirectoryNotFoundException($"The working folder '{workingDirectory.ProjectPath}' does not exist.");
        }

        ProcessStartInfo start;
        if (_bubblewrap is not null)
        {
            start = new ProcessStartInfo(_bubblewrap.Executable);
            foreach (var arg in _bubblewrap.BuildArguments(_root.RealRoot, _home, workingDirectory.Real, spec.Command))
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            var program = spec.Command[0];
            if (program.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(program))
            {
                program = Path.GetFullPath(Path.Join(workingDirectory.Real, program));
            }

            start = new ProcessStartInfo(program);
            for (var i = 1; i < spec.Command.Count; i++)
            {
                start.ArgumentList.Add(spec.Command[i]);
            }
        }

        start.WorkingDirectory = workingDirectory.Real;
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        start.StandardErrorEncoding = System.Text.Encoding.UTF8;
        FillEnvironment(start.Environment, spec.Environment);
        return start;
    }

    private void FillEnvironment(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string> extra)
    {
        var hostPath = Environment.GetEnvironmentVariable("PATH");
        environment.Clear();
        var path = Confined ? SystemPath : hostPath ?? SystemPath;
        if (Confined && NodeInstall.BinFolder is { } nodeBin && !path.Split(':').Contains(nodeBin))
        {
            path = nodeBin + ":" + path;
        }

        environment["PATH"] = path;
        environment["HOME"] = _home;
        environment["LANG"] = "C.UTF-8";
        environment["TERM"] = "dumb";
        environment["TMPDIR"] = Confined ? "/tmp" : Path.GetTempPath().TrimEnd('/');
        environment["npm_config_update_notifier"] = "false";
        environment["npm_config_fund"] = "false";
        environment["npm_config_audit"] = "false";
        foreach (var name in PassThroughVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (key, value) in _sandboxEnvironment)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }
    }
}
