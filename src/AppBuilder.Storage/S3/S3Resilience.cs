using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AppBuilder.Storage.S3;

/// <summary>
/// The one retry layer of the S3 store: a Polly pipeline around every S3 request (the AWS SDK's own retries are off,
/// see <see cref="S3SnapshotStore.CreateClient"/>), so that attempts, delays and timeouts are counted in one place.
/// Each attempt has <see cref="S3SnapshotOptions.Timeout"/>; a transient failure (HTTP 5xx, 429, 408, S3's
/// <c>SlowDown</c>/<c>InternalError</c>/<c>RequestTimeout</c>, a lost connection, an attempt's timeout) is retried up
/// to <see cref="S3SnapshotOptions.MaxRetries"/> times with exponential, jittered delays from
/// <see cref="S3SnapshotOptions.RetryDelay"/>. Every request the store makes is idempotent (PUTs of whole objects
/// under content-derived or numbered keys, GETs, HEADs, LISTs, DELETEs), so a retry after a lost answer is harmless.
/// </summary>
internal static class S3Resilience
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>Builds the pipeline the options describe, its delays and timeouts on <paramref name="timeProvider"/>.</summary>
    public static ResiliencePipeline CreatePipeline(S3SnapshotOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    StorageLog.S3RequestRetried(logger, args.Outcome.Exception, args.AttemptNumber + 1, options.MaxRetries + 1,
                        Describe(args.Outcome.Exception!), args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>Whether a failed attempt may succeed when tried again.</summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return false;
        }

        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutRejectedException or TimeoutException or HttpRequestException or IOException or SocketException:
                    return true;
                case OperationCanceledException:
                    return true; // not the caller's token: the HTTP client gave up on the attempt
                case AmazonServiceException service when IsTransientStatus(service):
                    return true;
                case AmazonServiceException:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A short, safe description of a failed attempt (no host, key or message text from the server).</summary>
    public static string Describe(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutRejectedException timeout:
                    return $"a request timed out after {timeout.Timeout.TotalSeconds:0.###} s";
                case TimeoutException or OperationCanceledException:
                    return "a request timed out";
                case AmazonServiceException { StatusCode: not 0 } service:
                    return string.IsNullOrEmpty(service.ErrorCode)
                        ? $"HTTP {(int)service.StatusCode}"
                        : $"HTTP {(int)service.StatusCode} {Sanitize(service.ErrorCode)}";
                case HttpRequestException or IOException or SocketException:
                    return "the connection failed";
            }
        }

        return "the request failed";
    }

    private static bool IsTransientStatus(AmazonServiceException exception) =>
        (int)exception.StatusCode >= 500 ||
        exception.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout ||
        exception.ErrorCode is "SlowDown" or "InternalError" or "RequestTimeout" or "ServiceUnavailable" or "Throttling"
            or "ThrottlingException" or "RequestTimeTooSkewed" ||
        (exception.StatusCode == 0 && exception.InnerException is not null && IsTransient(exception.InnerException, CancellationToken.None));

    private static string Sanitize(string code) =>
        code.Length <= 64 && code.All(char.IsAsciiLetterOrDigit) ? code : "error";
}
