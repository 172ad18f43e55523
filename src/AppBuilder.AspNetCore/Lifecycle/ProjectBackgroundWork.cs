using AppBuilder.Sandboxes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Lifecycle;

/// <summary>
/// Workspace work that outlives the request asking for it: persisting when a tab closes (the persist beacon) and
/// opening a workspace when its preview is requested while it sleeps. At most one of each kind runs per project at a
/// time; asking again while one runs joins it. Failures are logged. Host shutdown cancels the work.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ProjectBackgroundWork(IWorkspaceManager workspaces, IHostApplicationLifetime lifetime, ILogger<ProjectBackgroundWork> logger)
{
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Persists a project's workspace in the background and returns the task doing it.</summary>
    public Task Persist(string projectId, string label) => Run("persist:" + projectId, async token =>
    {
        var snapshot = await workspaces.PersistAsync(projectId, label, token).ConfigureAwait(false);
        if (snapshot is not null)
        {
            Log.Persisted(logger, projectId, snapshot.Number, snapshot.FileCount);
        }
    }, projectId);

    /// <summary>Opens a project's workspace in the background and returns the task doing it.</summary>
    public Task Open(string projectId, string template) => Run("open:" + projectId,
        token => workspaces.OpenAsync(projectId, template, token), projectId);

    private Task Run(string key, Func<CancellationToken, Task> work, string projectId)
    {
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            var task = Task.Run(async () =>
            {
                try
                {
                    await work(lifetime.ApplicationStopping).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log.BackgroundWorkFailed(logger, ex, key, projectId);
                }
                finally
                {
                    lock (_inFlight)
                    {
                        _inFlight.Remove(key);
                    }
                }
            });
            _inFlight[key] = task;
            return task;
        }
    }
}
