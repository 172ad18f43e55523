namespace AppBuilder.Testing.PostgreSql;

/// <summary>
/// Finds Debian's PostgreSQL server binaries (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, or the folder in
/// <c>APPBUILDER_POSTGRES_BIN</c>) and, when the tests run as root, the unprivileged user to run them as
/// (<c>postgres</c>; initdb and postgres refuse to run as root). Probed once per process.
/// </summary>
public static class PostgreSqlPrerequisite
{
    private static readonly Lazy<Probe> s_probe = new(Run);

    /// <summary>The folder holding initdb and postgres, or <see langword="null"/> when they were not found.</summary>
    public static string? BinDirectory => s_probe.Value.BinDirectory;

    /// <summary>The user id and group id to run the server as when this process is root; <see langword="null"/> when
    /// this process is not root (the server then runs as the current user).</summary>
    public static (uint Uid, uint Gid)? RunAs => s_probe.Value.RunAs;

    /// <summary>Why PostgreSQL tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? MissingReason => s_probe.Value.Missing;

    private sealed record Probe(string? BinDirectory, (uint Uid, uint Gid)? RunAs, string? Missing);

    private static Probe Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Probe(null, null, "PostgreSQL tests start Debian's PostgreSQL server and run on Linux only.");
        }

        var bin = FindBinDirectory();
        if (bin is null)
        {
            return new Probe(null, null,
                "PostgreSQL server binaries were not found (install the Debian package 'postgresql', which puts initdb and " +
                "postgres under /usr/lib/postgresql/<version>/bin, or set APPBUILDER_POSTGRES_BIN).");
        }

        if (!IsRoot())
        {
            return new Probe(bin, null, null);
        }

        var user = FindUser("postgres");
        if (user is null)
        {
            return new Probe(bin, null,
                "The tests run as root, and PostgreSQL refuses to: no 'postgres' system user to run it as was found " +
                "(the Debian package 'postgresql' creates it).");
        }

        if (!File.Exists("/usr/bin/setpriv"))
        {
            return new Probe(bin, null, "The tests run as root and need setpriv (Debian package 'util-linux') to start PostgreSQL as 'postgres'.");
        }

        return new Probe(bin, user, null);
    }

    private static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("APPBUILDER_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return HasServer(configured) ? configured : null;
        }

        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(Root)
            .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(x => x.Version > 0 && HasServer(x.Folder))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Folder)
            .FirstOrDefault();
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "postgres"));

    private static bool IsRoot()
    {
        // /proc/self/status: "Uid:\treal\teffective\tsaved\tfs"
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 2 && fields[2] == "0";
            }
        }

        return false;
    }

    private static (uint Uid, uint Gid)? FindUser(string name)
    {
        if (!File.Exists("/etc/passwd"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 3 && fields[0] == name && uint.TryParse(fields[2], out var uid) && uint.TryParse(fields[3], out var gid) && uid != 0)
            {
                return (uid, gid);
            }
        }

        return null;
    }
}
