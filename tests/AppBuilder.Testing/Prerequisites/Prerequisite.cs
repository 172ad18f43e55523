namespace AppBuilder.Testing.Prerequisites;

/// <summary>
/// Something on the machine that a test needs and that <c>eng/setup.sh</c> installs. A test that needs one is marked
/// <see cref="RequiresFactAttribute"/> or <see cref="RequiresTheoryAttribute"/> (or, for a conformance suite, declares
/// it on the concrete class): when it is missing the test is reported as skipped with the reason, or as failed when
/// <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c> (as in CI). It never passes without having run.
/// </summary>
[Flags]
public enum Prerequisite
{
    /// <summary>No prerequisite.</summary>
    None = 0,

    /// <summary>bubblewrap (<c>bwrap</c>) installed and able to create namespaces here.</summary>
    Bubblewrap = 1,

    /// <summary>Node.js 20 or newer and npm (Vite, the tiny test dev server, s3rver, the web client's build).</summary>
    Node = 2,

    /// <summary>Debian's Chromium at <c>/usr/bin/chromium</c> (Playwright never downloads a browser here).</summary>
    Chromium = 4,

    /// <summary>A Docker daemon answering on <c>/var/run/docker.sock</c> (or <c>DOCKER_HOST=unix://…</c>).</summary>
    Docker = 8,

    /// <summary>Debian's PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>); tests start their own server.</summary>
    PostgreSql = 16,

    /// <summary>Debian's <c>redis-server</c>; tests start their own server.</summary>
    Redis = 32,
}
