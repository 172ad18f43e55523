using System.ClientModel;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Anthropic.Exceptions;

namespace AppBuilder.Agent.Providers;

/// <summary>
/// Turns a provider's HTTP error into an <see cref="AppBuilderException"/> whose message names the fix. The message
/// reaches the model's caller (and the editor): it carries the status and the provider's own error text, never the
/// endpoint's address, and the configured API key is blanked out of it.
/// </summary>
internal static class ModelErrors
{
    /// <summary>The error code of model failures (carried by <c>ErrorEvent.Code</c>).</summary>
    public const string ModelErrorCode = "model_error";

    private const int MaxDetailLength = 400;
    private const string Redacted = "[redacted]";

    /// <summary>Maps an OpenAI SDK failure; null for anything else (cancellation included).</summary>
    public static AppBuilderException? FromOpenAI(Exception exception, string? apiKey) => exception switch
    {
        ClientResultException { Status: > 0 } e => FromStatus(ChatModelProviders.OpenAI, e.Status, ReadBody(e), e, apiKey),
        ClientResultException e when FindHttpRequestException(e) is not null => Unreachable(ChatModelProviders.OpenAI, e),
        HttpRequestException e => Unreachable(ChatModelProviders.OpenAI, e),
        _ => null,
    };

    /// <summary>Maps an Anthropic SDK failure; null for anything else (cancellation included).</summary>
    public static AppBuilderException? FromAnthropic(Exception exception, string? apiKey) => exception switch
    {
        AnthropicApiException e => FromStatus(ChatModelProviders.Anthropic, (int)e.StatusCode, e.ResponseBody, e, apiKey),
        OperationCanceledException => null,
        _ when FindHttpRequestException(exception) is not null => Unreachable(ChatModelProviders.Anthropic, exception),
        _ => null,
    };

    public static AppBuilderException FromStatus(string provider, int status, string? responseBody, Exception inner,
        string? apiKey = null)
    {
        var hint = status switch
        {
            401 or 403 => " — check AppBuilder:Model:ApiKey",
            404 => " — check AppBuilder:Model:ModelId and AppBuilder:Model:Endpoint",
            429 => " — rate limited, and the retries ran out",
            >= 500 => " — the provider failed, and the retries ran out",
            _ => "",
        };
        var detail = ExtractMessage(responseBody);
        if (detail is not null && !string.IsNullOrEmpty(apiKey))
        {
            detail = detail.Replace(apiKey, Redacted, StringComparison.Ordinal);
        }

        var message = string.Create(CultureInfo.InvariantCulture,
            $"The {provider} model endpoint answered HTTP {status}{hint}.{(detail is null ? "" : " It said: " + detail)}");
        return new AppBuilderException(message, ModelErrorCode, inner);
    }

    /// <summary>A connection failure, named by its kind (refused, name not resolved…) but not by the address.</summary>
    public static AppBuilderException Unreachable(string provider, Exception inner)
    {
        var kind = FindHttpRequestException(inner)?.HttpRequestError is { } error and not HttpRequestError.Unknown
            ? $" ({error})"
            : "";
        return new AppBuilderException(
            $"The {provider} model endpoint could not be reached{kind} — check AppBuilder:Model:Endpoint and the network.",
            ModelErrorCode, inner);
    }

    /// <summary>The <c>error.message</c> of an OpenAI or Anthropic error body, shortened; null when there is none.</summary>
    internal static string? ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                message = error.ValueKind == JsonValueKind.String ? error.GetString()
                    : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString()
                    : null;
            }
        }
        catch (JsonException)
        {
            message = body;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        message = message.Trim();
        return message.Length <= MaxDetailLength ? message : message[..MaxDetailLength] + "…";
    }

    private static string? ReadBody(ClientResultException exception)
    {
        try
        {
            return exception.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // A streamed error body that was not buffered: the status code still tells the story.
            return null;
        }
    }

    private static HttpRequestException? FindHttpRequestException(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException http)
            {
                return http;
            }
        }

        return null;
    }
}
