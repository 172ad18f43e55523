namespace AppBuilder.Sandboxes;

/// <summary>A process output stream.</summary>
public enum ProcessStream
{
    /// <summary>Standard output.</summary>
    StandardOutput,

    /// <summary>Standard error.</summary>
    StandardError,
}
