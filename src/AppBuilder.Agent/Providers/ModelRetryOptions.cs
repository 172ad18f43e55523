using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// How a model client retries a request that the provider answered with 429 (rate limited) or a 5xx status, or that
/// failed to connect. Retries happen at the HTTP layer, before any streamed byte reaches the caller.
/// </summary>
/// <remarks>
/// A <c>Retry-After</c> header (seconds or an HTTP date, or the providers' <c>retry-after-ms</c>) sets the delay;
/// when it asks for longer than <see cref="MaxDelay"/>, the error is returned at once instead of waiting. Without
/// the header the delay grows exponentially from <see cref="BaseDelay"/>, with jitter, up to <see cref="MaxDelay"/>.
/// </remarks>
public sealed class ModelRetryOptions
{
    /// <summary>Retries after the first attempt. Default 3; 0 turns retries off.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first back-off delay when the provider gives no <c>Retry-After</c>. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, whether computed or asked for by <c>Retry-After</c>. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}
