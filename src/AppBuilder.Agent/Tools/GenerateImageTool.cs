using System.Drawing;
using System.Globalization;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>generate_image</c>: asks the registered <see cref="IImageGenerator"/> for one PNG and writes it under the
/// project's <c>public/</c> folder (Vite serves that folder at the site root), returning the path the app should use,
/// e.g. <c>public/images/hero.png</c> → <c>/images/hero.png</c>. Offered only when a generator is registered; waits
/// for approval in supervised mode, like <c>write</c>.
/// </summary>
internal sealed class GenerateImageTool(IImageGenerator generator, IOptions<AgentOptions> options)
    : AgentTool(AgentToolNames.GenerateImage,
        "Generate an image (hero, illustration, icon, background) from a description and save it as a PNG in the " +
        "project's public folder. Returns the URL path to use in the app, e.g. <img src=\"/images/hero.png\">.",
        """
        {
          "type": "object",
          "properties": {
            "prompt": { "type": "string", "description": "What the image shows: subject, style, colours, composition." },
            "file_path": { "type": "string", "description": "Where to save it, under public/ and ending in .png, e.g. public/images/hero.png." },
            "size": { "type": "string", "enum": ["1024x1024", "1536x1024", "1024x1536"], "description": "Width x height in pixels. Default 1024x1024." }
          },
          "required": ["prompt", "file_path"],
          "additionalProperties": false
        }
        """)
{
    private const string PublicFolder = "public/";
    private const int MaxPromptChars = 4000;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var prompt = arguments.GetRequiredText("prompt", MaxPromptChars, "describe the image to generate");
        var path = TextFiles.NormalizePath(arguments.GetRequiredString("file_path"));
        if (!path.StartsWith(PublicFolder, StringComparison.Ordinal) || path.Length == PublicFolder.Length)
        {
            throw new ToolException($"'{path}' is not inside public/; images must be saved under public/ (e.g. public/images/hero.png) " +
                "so the app can load them.");
        }

        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException($"'{path}' does not end in .png; generated images are PNG files.");
        }

        var size = ParseSize(arguments.GetOptionalString("size"));
        var files = context.Sandbox.Files;
        var existing = await files.GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            throw new ToolException($"'{path}' is a folder; give the path of the file to create.");
        }

        var request = new ImageGenerationRequest(prompt);
        var generation = new ImageGenerationOptions
        {
            Count = 1,
            ImageSize = size,
            MediaType = "image/png",
            ResponseFormat = ImageGenerationResponseFormat.Data,
        };
        var response = await ToolTimeout.RunAsync(settings.ImageTimeout, context.TimeProvider,
            token => generator.GenerateAsync(request, generation, token),
            seconds => $"the image was not generated within {seconds} seconds.", cancellationToken).ConfigureAwait(false);

        var image = response.Contents.OfType<DataContent>().FirstOrDefault(c => !c.Data.IsEmpty)
            ?? throw new ToolException(response.Contents.OfType<UriContent>().Any()
                ? "the image generator answered with a link instead of image data; nothing was saved."
                : "the image generator answered without an image; nothing was saved.");
        var bytes = image.Data;
        if (bytes.Length > settings.ImageMaxBytes)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"the generated image is {bytes.Length} bytes, over the {settings.ImageMaxBytes} byte limit; nothing was saved."));
        }

        if (!bytes.Span.StartsWith(PngSignature))
        {
            throw new ToolException($"the image generator answered with {image.MediaType} data that is not a PNG; nothing was saved.");
        }

        await files.WriteAsync(path, bytes.ToArray(), cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(path, existing is null ? FileChangeKind.Created : FileChangeKind.Changed));
        var appPath = "/" + path[PublicFolder.Length..];
        return string.Create(CultureInfo.InvariantCulture,
            $"Saved a {size.Width}x{size.Height} PNG ({bytes.Length} bytes) to {path}. Use it in the app as \"{appPath}\", e.g. <img src=\"{appPath}\" alt=\"...\" />.");
    }

    private static Size ParseSize(string? size) => size?.Trim() switch
    {
        null or "" or "1024x1024" => new Size(1024, 1024),
        "1536x1024" => new Size(1536, 1024),
        "1024x1536" => new Size(1024, 1536),
        _ => throw new ToolException($"size must be 1024x1024, 1536x1024 or 1024x1536, not '{TextFiles.Shorten(size, 40)}'."),
    };
}
