using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Providers;

/// <summary>Builds the <see cref="HttpClient"/> a model SDK sends through: sockets, with Polly retries on top.</summary>
internal static class ModelHttpClient
{
    public static HttpClient Create(string provider, ModelRetryOptions retry, TimeProvider timeProvider, ILogger logger,
        HttpMessageHandler? innerHandler = null)
    {
        var transport = innerHandler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        var handler = new ModelRetryHandler(provider, retry, timeProvider, logger, transport);

        // The SDKs enforce their own timeouts; HttpClient's default 100 s would cut long streamed answers short.
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
