using System.Globalization;

namespace AppBuilder.Agent.Tools;

/// <summary>Runs a tool's network call under its own time limit and turns the limit's cancellation (not the turn's)
/// into a <see cref="ToolException"/>.</summary>
internal static class ToolTimeout
{
    /// <param name="limit">How long <paramref name="operation"/> may take.</param>
    /// <param name="timeProvider">The clock of the limit.</param>
    /// <param name="operation">The call, given a token that the limit or <paramref name="cancellationToken"/> cancels.</param>
    /// <param name="timedOut">The error message, given the limit in seconds ("0.5", "30").</param>
    /// <param name="cancellationToken">The turn's token; its cancellation propagates unchanged.</param>
    public static async Task<T> RunAsync<T>(TimeSpan limit, TimeProvider timeProvider, Func<CancellationToken, Task<T>> operation,
        Func<string, string> timedOut, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await operation(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(timedOut(limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)));
        }
    }
}
