using System.Collections.Concurrent;
using System.Diagnostics;

namespace AppBuilder.Sandboxes.Internal;

/// <summary>
/// Starts processes from one long-lived thread. Linux delivers a child's parent-death signal (bubblewrap's
/// <c>--die-with-parent</c> uses <c>PR_SET_PDEATHSIG</c>) when the <em>thread</em> that forked it exits, and thread-pool
/// threads come and go; forking from a thread that lives as long as the host keeps sandboxes alive exactly as long
/// as the host.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = [];
    private static readonly Lazy<Thread> Worker = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "AppBuilder process spawner" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts <paramref name="process"/> on the spawner thread and waits until it has started.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static void Start(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        _ = Worker.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((process, started));
        started.Task.GetAwaiter().GetResult();
    }

    private static void Run()
    {
        foreach (var (process, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.TrySetResult();
            }
            catch (Exception e)
            {
                started.TrySetException(e);
            }
        }
    }
}
