using System.Net;
using AppBuilder.Agent.Images;
using AppBuilder.Agent.Web;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the providers behind the agent's optional web tools: <c>web_search</c> (an <see cref="IWebSearchProvider"/>)
/// and <c>generate_image</c> (an <see cref="IImageGenerator"/>). Each tool joins the catalog only when its provider is
/// registered; a provider registered earlier (your own) is kept.
/// </summary>
public static class WebToolsAppBuilderExtensions
{
    /// <summary>The <see cref="IHttpClientFactory"/> name of the Brave Search API client.</summary>
    public const string BraveHttpClientName = "AppBuilder.Agent.WebSearch.Brave";

    /// <summary>The <see cref="IHttpClientFactory"/> name of the OpenAI images client.</summary>
    public const string OpenAIImagesHttpClientName = "AppBuilder.Agent.Images.OpenAI";

    /// <summary>
    /// Adds <c>web_search</c> on the Brave Search API (Web Search v1). Without an <see cref="BraveWebSearchOptions.ApiKey"/>
    /// the key comes from <c>BRAVE_API_KEY</c> when the endpoint is Brave's own; none at all fails at start.
    /// </summary>
    public static IAppBuilderBuilder AddBraveWebSearch(this IAppBuilderBuilder builder, Action<BraveWebSearchOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddBraveCore(builder);
    }

    /// <summary>Adds <c>web_search</c> on the Brave Search API with options bound from <paramref name="section"/>
    /// (usually <see cref="BraveWebSearchOptions.SectionName"/>), then <paramref name="configure"/>.</summary>
    public static IAppBuilderBuilder AddBraveWebSearch(this IAppBuilderBuilder builder, IConfiguration section,
        Action<BraveWebSearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<BraveWebSearchOptions>(section);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return AddBraveCore(builder);
    }

    /// <summary>
    /// Adds <c>generate_image</c> on the OpenAI Images API (<c>ImageClient</c> of the OpenAI SDK). Without an
    /// <see cref="OpenAIImageGenerationOptions.ApiKey"/> the key comes from <c>OPENAI_API_KEY</c> when the endpoint is
    /// OpenAI's own; none at all fails at start.
    /// </summary>
    public static IAppBuilderBuilder AddOpenAIImageGeneration(this IAppBuilderBuilder builder, Action<OpenAIImageGenerationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddOpenAIImagesCore(builder);
    }

    /// <summary>Adds <c>generate_image</c> on the OpenAI Images API with options bound from <paramref name="section"/>
    /// (usually <see cref="OpenAIImageGenerationOptions.SectionName"/>), then <paramref name="configure"/>.</summary>
    public static IAppBuilderBuilder AddOpenAIImageGeneration(this IAppBuilderBuilder builder, IConfiguration section,
        Action<OpenAIImageGenerationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<OpenAIImageGenerationOptions>(section);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return AddOpenAIImagesCore(builder);
    }

    private static IAppBuilderBuilder AddBraveCore(IAppBuilderBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(BraveMarker)))
        {
            return builder;
        }

        services.AddSingleton<BraveMarker>();
        services.AddOptions<BraveWebSearchOptions>()
            .PostConfigure(o =>
            {
                // A key from the environment goes only to Brave itself, never to an endpoint named in configuration.
                if (string.IsNullOrWhiteSpace(o.ApiKey) && o.Endpoint is null)
                {
                    o.ApiKey = Environment.GetEnvironmentVariable("BRAVE_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => IsHttpUrl(o.Endpoint), $"{BraveWebSearchOptions.SectionName}:Endpoint must be an absolute http or https URL.")
            .ValidateOnStart();
        services.AddHttpClient(BraveHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
        services.TryAddSingleton<IWebSearchProvider>(sp => new BraveWebSearchProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(BraveHttpClientName),
            sp.GetRequiredService<IOptions<BraveWebSearchOptions>>().Value));
        return builder;
    }

    private static IAppBuilderBuilder AddOpenAIImagesCore(IAppBuilderBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(OpenAIImagesMarker)))
        {
            return builder;
        }

        services.AddSingleton<OpenAIImagesMarker>();
        services.AddOptions<OpenAIImageGenerationOptions>()
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ApiKey) && o.Endpoint is null)
                {
                    o.ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => IsHttpUrl(o.Endpoint), $"{OpenAIImageGenerationOptions.SectionName}:Endpoint must be an absolute http or https URL.")
            .Validate(o => o.Endpoint is not null || !string.IsNullOrWhiteSpace(o.ApiKey),
                $"{OpenAIImageGenerationOptions.SectionName}:ApiKey is required for OpenAI's own endpoint (or set OPENAI_API_KEY).")
            .ValidateOnStart();
        services.AddHttpClient(OpenAIImagesHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IImageGenerator>(sp => new OpenAIImageGenerator(
            sp.GetRequiredService<IOptions<OpenAIImageGenerationOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIImagesHttpClientName)));
        return builder;
    }

    private static bool IsHttpUrl(Uri? endpoint) =>
        endpoint is null || (endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps));

    private sealed class BraveMarker;

    private sealed class OpenAIImagesMarker;
}
