using System.ClientModel;
using System.ClientModel.Primitives;
using AppBuilder.Agent.Providers;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Images;
using MeaiImageOptions = Microsoft.Extensions.AI.ImageGenerationOptions;
using OpenAIImageOptions = OpenAI.Images.ImageGenerationOptions;

namespace AppBuilder.Agent.Images;

/// <summary>
/// <see cref="IImageGenerator"/> on the OpenAI Images API through the SDK's
/// <see cref="ImageClient.GenerateImageAsync(string, OpenAIImageOptions, CancellationToken)"/> (OpenAI 2.15): one PNG
/// per request, returned as <see cref="DataContent"/>. HTTP failures become <see cref="AppBuilderException"/>s (code
/// <c>image_error</c>) naming the status and the setting to check, with the key blanked out. Thread-safe.
/// </summary>
internal sealed class OpenAIImageGenerator : IImageGenerator
{
    /// <summary>The error code of image generation failures.</summary>
    public const string ErrorCode = "image_error";

    private readonly ImageClient _client;
    private readonly OpenAIImageGenerationOptions _options;
    private readonly ImageGeneratorMetadata _metadata;

    public OpenAIImageGenerator(OpenAIImageGenerationOptions options, HttpClient http)
    {
        _options = options;
        var endpoint = options.Endpoint ?? ChatModelProviders.OpenAIEndpoint;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            // The tool's own time limit (AgentOptions.ImageTimeout) decides; the SDK's 100 s default is too short.
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
#pragma warning disable OPENAI001 // The AuthenticationPolicy constructor is marked for evaluation; it is the way to send no key.
        _client = string.IsNullOrEmpty(options.ApiKey)
            ? new ImageClient(options.ModelId, new NoAuthenticationPolicy(), clientOptions)
            : new ImageClient(options.ModelId, new ApiKeyCredential(options.ApiKey), clientOptions);
#pragma warning restore OPENAI001
        _metadata = new ImageGeneratorMetadata("openai", endpoint, options.ModelId);
    }

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, MeaiImageOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Prompt, nameof(request));
        var settings = new OpenAIImageOptions();
        if (_options.ModelId.StartsWith("dall-e", StringComparison.OrdinalIgnoreCase))
        {
            // gpt-image models always answer base64 and refuse response_format; DALL·E must be asked for it.
            settings.ResponseFormat = GeneratedImageFormat.Bytes;
        }

        if (options?.ImageSize is { } size)
        {
            settings.Size = new GeneratedImageSize(size.Width, size.Height);
        }

        GeneratedImage image;
        try
        {
            image = (await _client.GenerateImageAsync(request.Prompt, settings, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (Map(e) is { } mapped)
        {
            throw mapped;
        }

        if (image.ImageBytes is not { } bytes || bytes.ToMemory().IsEmpty)
        {
            throw new AppBuilderException("The OpenAI images endpoint answered without image data (no b64_json).", ErrorCode);
        }

        return new ImageGenerationResponse([new DataContent(bytes.ToMemory(), "image/png")]) { RawRepresentation = image };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ImageGeneratorMetadata) ? _metadata
            : serviceType == typeof(ImageClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private AppBuilderException? Map(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            return null;
        }

        if (exception is ClientResultException { Status: > 0 } failure)
        {
            var hint = failure.Status switch
            {
                401 or 403 => " — check AppBuilder:Images:OpenAI:ApiKey",
                404 => " — check AppBuilder:Images:OpenAI:ModelId and Endpoint",
                429 => " — rate limited or out of quota",
                400 => " — the request was refused (the prompt may break the content policy)",
                >= 500 => " — the provider failed",
                _ => "",
            };
            var detail = ModelErrors.ExtractMessage(failure.GetRawResponse()?.Content?.ToString());
            if (detail is not null && !string.IsNullOrEmpty(_options.ApiKey))
            {
                detail = detail.Replace(_options.ApiKey, "[redacted]", StringComparison.Ordinal);
            }

            return new AppBuilderException($"The OpenAI images endpoint answered HTTP {failure.Status}{hint}." +
                (detail is null ? "" : " It said: " + detail), ErrorCode, exception);
        }

        if (exception is ClientResultException or HttpRequestException)
        {
            return new AppBuilderException("The OpenAI images endpoint could not be reached — check AppBuilder:Images:OpenAI:Endpoint " +
                "and the network.", ErrorCode, exception);
        }

        // A 200 whose JSON the SDK could not read (an empty data array surfaces as an ArgumentException).
        if (exception is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new AppBuilderException("The OpenAI images endpoint answered with JSON that is not an image result.", ErrorCode, exception);
        }

        return null;
    }
}
