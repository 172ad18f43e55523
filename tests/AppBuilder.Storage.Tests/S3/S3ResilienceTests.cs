using System.Net;
using Amazon.S3;
using AppBuilder.Storage.S3;
using Polly.Timeout;

namespace AppBuilder.Storage.Tests.S3;

public sealed class S3ResilienceTests
{
    private static AmazonS3Exception Http(HttpStatusCode status, string code) =>
        new("message with http://10.0.0.1:9000", Amazon.Runtime.ErrorType.Sender, code, "request", status);

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequests")]
    [InlineData(HttpStatusCode.BadRequest, "RequestTimeout")]
    public void IsTransient_ServerAndThrottlingErrors_AreRetried(HttpStatusCode status, string code) =>
        S3Resilience.IsTransient(Http(status, code), CancellationToken.None).Should().BeTrue();

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidArgument")]
    public void IsTransient_ClientErrors_AreNotRetried(HttpStatusCode status, string code) =>
        S3Resilience.IsTransient(Http(status, code), CancellationToken.None).Should().BeFalse();

    [Fact]
    public void IsTransient_LostConnectionsAndTimeouts_AreRetried_UnlessTheCallerCancelled()
    {
        S3Resilience.IsTransient(new HttpRequestException("refused"), CancellationToken.None).Should().BeTrue();
        S3Resilience.IsTransient(new TimeoutRejectedException(), CancellationToken.None).Should().BeTrue();
        S3Resilience.IsTransient(new HttpRequestException("refused"), new CancellationToken(canceled: true)).Should().BeFalse();
    }

    [Fact]
    public void Describe_NamesTheStatusAndCode_NeverTheServerMessage()
    {
        S3Resilience.Describe(Http(HttpStatusCode.ServiceUnavailable, "SlowDown")).Should().Be("HTTP 503 SlowDown");
        S3Resilience.Describe(new HttpRequestException("Connection refused (10.0.0.1:9000)")).Should().Be("the connection failed");
        S3Resilience.Describe(new TimeoutRejectedException("t", TimeSpan.FromSeconds(2))).Should().Be("a request timed out after 2 s");
    }
}
