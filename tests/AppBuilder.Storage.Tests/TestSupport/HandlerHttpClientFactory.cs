using Amazon.Runtime;

namespace AppBuilder.Storage.Tests.TestSupport;

/// <summary>Gives the AWS SDK one HTTP client over <paramref name="handler"/> (such as a fault-injecting one), never
/// shared through the SDK's own cache with another S3 client.</summary>
internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    private readonly HttpClient _client = new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
