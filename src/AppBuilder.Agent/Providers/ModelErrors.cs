using System.Globalization;
using System.Text.Json;

namespace AppBuilder.Agent.Providers;

/// <summary>Turns a provider's HTTP error into an <see cref="AppBuilderException"/> whose message names the fix.</summary>
internal static class ModelErrors
{
    /// <summary>The error code of model failures (carried by <c>ErrorEvent.Code</c>).</summary>
    public const string ModelErrorCode = "model_error";

    private const int MaxDetailLength = 400;

    public static AppBuilderException FromStatus(string provider, int status, string? responseBody, Exception inner)
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
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The {provider} model endpoint answered HTTP {status}{hint}.{(detail is null ? "" : " It said: " + detail)}");
        return new AppBuilderException(message, ModelErrorCode, inner);
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
}
