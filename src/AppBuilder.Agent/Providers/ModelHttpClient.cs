using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Builds the <see cref="HttpClient"/> a model SDK sends through: sockets, with the
/// <see cref="ModelResilience"/> retry pipeline on top (a <see cref="ResilienceHandler"/>).
/// </summary>
internal static class ModelHttpClient
{
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A client of its own, for <see cref="ChatModelFactory"/> (no dependency injection).</summary>
    public static HttpClient Create(string provider, ModelRetryOptions retry, TimeProvider timeProvider, ILogger logger,
        HttpMessageHandler? innerHandler = null)
    {
        var handler = new ResilienceHandler(ModelResilience.Build(provider, retry, timeProvider, logger))
        {
            InnerHandler = innerHandler ?? CreatePrimaryHandler(),
        };
        return Configure(new HttpClient(handler, disposeHandler: true));
    }

    /// <summary>
    /// Registers the named client <paramref name="name"/> with <see cref="IHttpClientFactory"/>:
    /// <c>AddResilienceHandler</c> with the retry pipeline, whose options come from <paramref name="retry"/>.
    /// Hosts may add their own handlers to the same name.
    /// </summary>
    public static IHttpClientBuilder AddNamed(IServiceCollection services, string name, string provider,
        Func<IServiceProvider, ModelRetryOptions> retry)
    {
        var builder = services.AddHttpClient(name)
            .ConfigureHttpClient(client => Configure(client))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        builder.AddResilienceHandler(ModelResilience.PipelineName, (pipeline, context) =>
        {
            var sp = context.ServiceProvider;
            var logger = ChatModelFactory.CreateLogger(sp.GetService<ILoggerFactory>(), provider);
            ModelResilience.Configure(pipeline, provider, retry(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System, logger);
        });
        return builder;
    }

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = PooledConnectionLifetime,
        ConnectTimeout = ConnectTimeout,
    };

    private static HttpClient Configure(HttpClient client)
    {
        // The SDKs enforce their own timeouts; HttpClient's default 100 s would cut long streamed answers short.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}
