namespace AppBuilder.Bench.Hmr;

/// <summary>The JavaScript the HMR bench runs in the preview page.</summary>
internal static class HmrPageScripts
{
    /// <summary>The name of the binding through which the page asks .NET to write <c>src/App.tsx</c>.</summary>
    public const string WriteBinding = "__appbuilderBenchWrite";

    /// <summary>
    /// Installs <c>window.__appbuilderBench</c>: <c>alive</c> (a value that only survives if the page is never reloaded)
    /// and <c>measure(marker, timeoutMs)</c>, which arms a <c>MutationObserver</c> on <c>#root</c>, takes
    /// <c>performance.now()</c>, asks .NET to write the file through the binding, and resolves with the page-clock
    /// times at which the write call returned, the DOM first contained the marker and the next frame started.
    /// Argument: the alive value.
    /// </summary>
    public const string Install = """
        (alive) => {
          window.__appbuilderBench = {
            alive,
            async measure(marker, timeoutMs) {
              const root = document.getElementById('root');
              let observer;
              const seen = new Promise((resolve) => {
                observer = new MutationObserver(() => {
                  if (root.textContent.includes(marker)) {
                    const at = performance.now();
                    observer.disconnect();
                    resolve(at);
                  }
                });
                observer.observe(root, { subtree: true, childList: true, characterData: true });
              });
              let timer;
              const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(-1), timeoutMs); });
              const start = performance.now();
              const writeToolMs = await window.__appbuilderBenchWrite(marker);
              const written = performance.now();
              const domAt = await Promise.race([seen, timeout]);
              clearTimeout(timer);
              observer.disconnect();
              const paintAt = domAt < 0 ? -1 : await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
              return { start, written, domAt, paintAt, writeToolMs };
            },
          };
        }
        """;

    /// <summary>True once React rendered something into <c>#root</c>.</summary>
    public const string Rendered = "() => (document.getElementById('root')?.childElementCount ?? 0) > 0";

    /// <summary>The alive value, or null when the page was reloaded since <see cref="Install"/>.</summary>
    public const string Alive = "() => window.__appbuilderBench?.alive ?? null";

    /// <summary>Runs one measurement. Argument: <c>[marker, timeoutMs]</c>.</summary>
    public const string Measure = "([marker, timeoutMs]) => window.__appbuilderBench.measure(marker, timeoutMs)";
}
