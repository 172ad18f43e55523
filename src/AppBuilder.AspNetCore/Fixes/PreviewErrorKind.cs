namespace AppBuilder.AspNetCore.Fixes;

/// <summary>What went wrong in a preview (camelCase on the wire).</summary>
internal enum PreviewErrorKind
{
    /// <summary>An uncaught exception in the page (<c>window.onerror</c>).</summary>
    Runtime,

    /// <summary>A promise rejected with nobody handling it.</summary>
    UnhandledRejection,

    /// <summary>A <c>fetch</c> or XHR that failed or answered 4xx/5xx.</summary>
    Network,

    /// <summary>A Vite build or transform error: the HMR <c>error</c> payload (the Vite overlay's error) or the dev server's log.</summary>
    Build,
}
