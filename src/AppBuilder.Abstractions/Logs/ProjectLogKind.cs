namespace AppBuilder.Logs;

/// <summary>The kinds of project log.</summary>
public enum ProjectLogKind
{
    /// <summary>Dev-server and build output, and the preview's browser console.</summary>
    Console,

    /// <summary>Network requests the preview made.</summary>
    Network,
}
