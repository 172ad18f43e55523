using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Options of the OpenAI-compatible chat model (configuration section <c>AppBuilder:Model</c> when chosen with
/// <c>Provider = openai</c>). Works with OpenAI itself and with any server that speaks its Chat Completions API —
/// Ollama, vLLM, LM Studio, OpenRouter, Azure-compatible gateways — through <see cref="Endpoint"/>.
/// </summary>
public sealed class OpenAIChatOptions
{
    /// <summary>
    /// The API base URL including the version segment, for example <c>http://localhost:11434/v1</c> (Ollama) or
    /// <c>https://openrouter.ai/api/v1</c>. Null means OpenAI's own <c>https://api.openai.com/v1</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The API key, sent as a bearer token. Required for OpenAI's own endpoint; may be left empty for a local server
    /// that needs none (no <c>Authorization</c> header is sent then). When unset and <see cref="Endpoint"/> is null, DI
    /// registration reads the <c>OPENAI_API_KEY</c> environment variable.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The model to call, such as <c>gpt-4.1</c> or <c>qwen2.5-coder:14b</c>. Required.</summary>
    public string? ModelId { get; set; }

    /// <summary>The OpenAI organization id to send, if any.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The default output token limit (<c>max_completion_tokens</c>); null leaves it to the server.</summary>
    [Range(1, 1_000_000)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>
    /// The SDK's network timeout: how long to wait for a response to start (retries included) and, while streaming,
    /// for the next chunk. Default 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries of rate-limited and failed requests.</summary>
    public ModelRetryOptions Retry { get; set; } = new();
}
