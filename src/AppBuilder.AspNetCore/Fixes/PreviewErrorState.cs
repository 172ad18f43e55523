namespace AppBuilder.AspNetCore.Fixes;

/// <summary>Where a preview error is in its life (camelCase on the wire).</summary>
internal enum PreviewErrorState
{
    /// <summary>Seen and not being fixed.</summary>
    Open,

    /// <summary>A fix turn for it runs.</summary>
    Fixing,

    /// <summary>The fix turn ended; waiting out the settle window for the error to come back.</summary>
    Verifying,

    /// <summary>It did not come back within the settle window after a fix turn.</summary>
    Resolved,
}
