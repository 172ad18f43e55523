using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Providers;

/// <summary>Shared checks of the model options, with messages that name the configuration key to fix.</summary>
internal static class ChatModelOptionsChecks
{
    public static void CheckEndpoint(List<string> failures, string path, Uri? endpoint)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{path}:Endpoint must be an absolute http or https URL (got '{endpoint}').");
        }
    }

    public static void CheckRetry(List<string> failures, string path, ModelRetryOptions? retry)
    {
        if (retry is null)
        {
            failures.Add($"{path}:Retry must not be null.");
            return;
        }
        if (retry.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{path}:Retry:MaxRetryAttempts must be between 0 and 10 (got {retry.MaxRetryAttempts}).");
        }
        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < TimeSpan.Zero || retry.MaxDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{path}:Retry:BaseDelay and MaxDelay must be between 0 and 1 hour.");
        }
    }

    public static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}

/// <summary>Validates <see cref="OpenAIChatOptions"/> at start.</summary>
internal sealed class OpenAIChatOptionsValidator(string path) : IValidateOptions<OpenAIChatOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIChatOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelId))
        {
            failures.Add($"{path}:ModelId is required for provider 'openai' (for example gpt-4.1, or the model name your server serves).");
        }
        if (options.Endpoint is null && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{path}:ApiKey is required for provider 'openai' (set it, or the OPENAI_API_KEY environment variable; " +
                $"a local server such as Ollama needs {path}:Endpoint instead).");
        }
        ChatModelOptionsChecks.CheckEndpoint(failures, path, options.Endpoint);
        ChatModelOptionsChecks.CheckRetry(failures, path, options.Retry);
        return ChatModelOptionsChecks.Result(failures);
    }
}

/// <summary>Validates <see cref="AnthropicChatOptions"/> at start.</summary>
internal sealed class AnthropicChatOptionsValidator(string path) : IValidateOptions<AnthropicChatOptions>
{
    public ValidateOptionsResult Validate(string? name, AnthropicChatOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelId))
        {
            failures.Add($"{path}:ModelId is required for provider 'anthropic' (for example claude-sonnet-4-5).");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{path}:ApiKey is required for provider 'anthropic' (set it, or the ANTHROPIC_API_KEY environment variable).");
        }
        if (options.MaxTokens < 1)
        {
            failures.Add($"{path}:MaxTokens must be at least 1 (got {options.MaxTokens}).");
        }
        ChatModelOptionsChecks.CheckEndpoint(failures, path, options.Endpoint);
        ChatModelOptionsChecks.CheckRetry(failures, path, options.Retry);
        return ChatModelOptionsChecks.Result(failures);
    }
}
