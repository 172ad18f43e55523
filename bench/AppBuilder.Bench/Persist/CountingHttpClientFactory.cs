using Amazon.Runtime;

namespace AppBuilder.Bench.Persist;

/// <summary>Gives the AWS SDK one HTTP client over <paramref name="handler"/>, which counts the requests at the HTTP
/// level; never shared through the SDK's cache with another S3 client.</summary>
internal sealed class CountingHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    private readonly HttpClient _client = new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
