namespace AppBuilder.Sandboxes.DevServer;

/// <summary>Receives what a <see cref="DevServerSupervisor"/> observes.</summary>
internal interface IDevServerListener
{
    /// <summary>A line of dev-server output (ANSI colours removed).</summary>
    void OnLog(string line);

    /// <summary>The dev server is (re)starting, ready or given up.</summary>
    void OnStatus(WorkspaceStatus status, string? reason);

    /// <summary>The dev server answers at a new URL.</summary>
    void OnUrl(Uri url);
}
