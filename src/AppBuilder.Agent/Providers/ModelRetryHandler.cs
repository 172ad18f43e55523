using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// The HTTP handler under a model SDK's transport that retries 429, 5xx and connection failures with Polly,
/// honouring <c>Retry-After</c>. It returns a response only once its headers say it is not to be retried, so a
/// streamed answer never reaches the caller twice.
/// </summary>
internal sealed class ModelRetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ModelRetryHandler(string provider, ModelRetryOptions options, TimeProvider timeProvider, ILogger logger,
        HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _pipeline = BuildPipeline(provider, options, timeProvider, logger);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // The SDKs' request bodies are written once from a stream; buffer so every attempt sends the same bytes.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendCoreAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    internal static ResiliencePipeline<HttpResponseMessage> BuildPipeline(string provider, ModelRetryOptions options,
        TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts <= 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, options.MaxDelay, timeProvider)),
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
        }).Build();
    }

    /// <summary>Whether an outcome is worth another attempt.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider timeProvider)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException;
        }

        var response = outcome.Result!;
        if (!IsTransient(response.StatusCode))
        {
            return false;
        }

        // A provider that asks for a longer pause than we are willing to wait gets its error back at once.
        var retryAfter = GetRetryAfter(response, timeProvider);
        return retryAfter is null || retryAfter <= maxDelay;
    }

    /// <summary>429, 408 and 5xx (Anthropic's 529 "overloaded" included) are transient.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

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
