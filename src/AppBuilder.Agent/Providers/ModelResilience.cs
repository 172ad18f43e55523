using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// The retry pipeline under a model SDK's HTTP transport (Microsoft.Extensions.Http.Resilience's
/// <see cref="HttpRetryStrategyOptions"/>): 408, 429, 5xx and connection failures are retried, honouring
/// <c>Retry-After</c> on our clock. A response is returned only once its headers say it is not to be retried, so a
/// streamed answer never reaches the caller twice.
/// </summary>
internal static class ModelResilience
{
    /// <summary>The name of the resilience handler on the model HTTP clients.</summary>
    public const string PipelineName = "model-retry";

    /// <summary>Builds the pipeline for <see cref="ModelHttpClient.Create"/> (no dependency injection).</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(string provider, ModelRetryOptions options, TimeProvider timeProvider,
        ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, provider, options, timeProvider, logger);
        return builder.Build();
    }

    /// <summary>Adds the retry strategy to <paramref name="builder"/> (nothing when retries are off).</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, string provider, ModelRetryOptions options,
        TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        builder.TimeProvider = timeProvider;
        if (options.MaxRetryAttempts <= 0)
        {
            return;
        }

        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            // The library's Retry-After reader uses the system clock and ignores retry-after-ms; ours does both.
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, options.MaxDelay, timeProvider, args.Context.CancellationToken)),
            DelayGenerator = args => new ValueTask<TimeSpan?>(
                args.Outcome.Result is { } response ? GetRetryAfter(response, timeProvider) : null),
            OnRetry = args =>
            {
                ProvidersLog.RetryingModelRequest(logger, provider,
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "unknown",
                    args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        });
    }

    /// <summary>
    /// Whether an outcome is worth another attempt: what <see cref="HttpClientResiliencePredicates.IsTransient(Outcome{HttpResponseMessage})"/>
    /// calls transient (408, 429, 5xx — Anthropic's 529 "overloaded" included — and connection failures), unless the
    /// provider asks for a longer pause than <paramref name="maxDelay"/> (its error comes back at once) or the call was
    /// cancelled.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        return outcome.Result is not { } response || GetRetryAfter(response, timeProvider) is not { } wait || wait <= maxDelay;
    }

    /// <summary>
    /// The delay a response asks for: <c>retry-after-ms</c> (OpenAI, Anthropic) or <c>Retry-After</c> in seconds or as
    /// an HTTP date (RFC 9110 §10.2.3), relative to <paramref name="timeProvider"/>'s clock. Null when absent.
    /// </summary>
    internal static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
