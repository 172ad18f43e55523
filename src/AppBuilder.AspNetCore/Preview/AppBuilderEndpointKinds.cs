namespace AppBuilder.AspNetCore.Preview;

/// <summary>Marks the endpoints served on preview origins: the preview proxy, the grant exchange and the capture
/// script's log POST. Every other endpoint of the application is refused there by <see cref="PreviewOriginMatcherPolicy"/>.</summary>
internal sealed class PreviewOriginEndpointMetadata
{
    public static readonly PreviewOriginEndpointMetadata Instance = new();

    private PreviewOriginEndpointMetadata()
    {
    }
}

/// <summary>Marks AppBuilder's endpoints on the editor origin (the API, the hub, the <c>/preview/…</c> redirect), which
/// <see cref="PreviewOriginMatcherPolicy"/> guards against cross-origin and cross-site callers.</summary>
internal sealed class EditorEndpointMetadata
{
    public static readonly EditorEndpointMetadata Instance = new();

    private EditorEndpointMetadata()
    {
    }
}
