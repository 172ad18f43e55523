using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Images;

/// <summary>
/// Options of the OpenAI images provider of <c>generate_image</c> (the Images API, <c>POST /v1/images/generations</c>,
/// through the OpenAI .NET SDK's <c>ImageClient</c>), bound from <c>AppBuilder:Images:OpenAI</c> by
/// <c>AddOpenAIImageGeneration(section)</c> and validated at start.
/// </summary>
public sealed class OpenAIImageGenerationOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "AppBuilder:Images:OpenAI";

    /// <summary>The API key. When unset and <see cref="Endpoint"/> is unset, it is read from <c>OPENAI_API_KEY</c>;
    /// required for OpenAI's own endpoint, optional for a compatible server.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API base URL including the version segment (e.g. <c>http://localhost:8080/v1</c>); unset uses
    /// OpenAI's own (<c>https://api.openai.com/v1</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The image model. Default <c>gpt-image-1</c> (which always answers base64); <c>dall-e-3</c> and
    /// <c>dall-e-2</c> are asked for base64 (<c>response_format=b64_json</c>) explicitly.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelId { get; set; } = "gpt-image-1";

    /// <summary>Retries of 429, 5xx and connection failures by the SDK's own retry policy (0–5). Default 2.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;
}
