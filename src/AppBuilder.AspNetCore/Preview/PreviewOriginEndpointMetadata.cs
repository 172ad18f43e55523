namespace AppBuilder.AspNetCore.Preview;

/// <summary>Marks the endpoints served on the separate preview origin: the preview proxy and the capture script's log
/// POST. Every other endpoint is refused there by <see cref="PreviewOriginMatcherPolicy"/>.</summary>
internal sealed class PreviewOriginEndpointMetadata
{
    public static readonly PreviewOriginEndpointMetadata Instance = new();

    private PreviewOriginEndpointMetadata()
    {
    }
}
