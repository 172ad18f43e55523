namespace AppBuilder.Agent.Web;

/// <summary>
/// Searches the web for the <c>web_search</c> tool, which the agent is offered only when one is registered
/// (<c>AddBraveWebSearch(...)</c>, or your own singleton).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe: turns of several projects search at the same time. Failures are thrown as
/// <see cref="AppBuilderException"/>s whose message reaches the model: they name the problem (a refused key, a rate
/// limit) but never carry the key, and should not carry the endpoint's address.
/// </remarks>
public interface IWebSearchProvider
{
    /// <summary>Searches for <paramref name="query"/> and returns at most <paramref name="count"/> results, best first.</summary>
    /// <param name="query">What to search for; not empty.</param>
    /// <param name="count">Most results wanted, 1 to 20.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int count, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider for an object of type <paramref name="serviceType"/> (itself, or what it wraps), as
    /// <c>IChatClient.GetService</c> does.</summary>
    object? GetService(Type serviceType, object? serviceKey = null);
}
