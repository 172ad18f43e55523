using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Options of the Anthropic chat model (configuration section <c>AppBuilder:Model</c> when chosen with
/// <c>Provider = anthropic</c>), served through the official Anthropic SDK.
/// </summary>
public sealed class AnthropicChatOptions
{
    /// <summary>The API base URL, such as a proxy's; null means Anthropic's own <c>https://api.anthropic.com</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The API key. Required. When unset and <see cref="Endpoint"/> is null (Anthropic's own API), DI registration reads
    /// the <c>ANTHROPIC_API_KEY</c> environment variable; a key is never sent to another endpoint unasked.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The model to call, such as <c>claude-sonnet-4-5</c>. Required.</summary>
    public string? ModelId { get; set; }

    /// <summary>The output token limit of each call (<c>max_tokens</c>, which the API requires). Default 8192.</summary>
    [Range(1, 1_000_000)]
    public int MaxTokens { get; set; } = 8192;

    /// <summary>The longest one HTTP call may take, reading the streamed answer and our retries included. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries of rate-limited and failed requests.</summary>
    public ModelRetryOptions Retry { get; set; } = new();
}
