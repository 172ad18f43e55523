using System.Globalization;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>download_to_repo</c>: downloads an http(s) URL into a project file. Redirects are followed by hand so each
/// target is checked again; the size cap is enforced while streaming (Content-Length is only used to refuse early);
/// nothing is written unless the whole download succeeded.
/// </summary>
internal sealed class DownloadToRepoTool(IHttpClientFactory httpClientFactory, IOptions<AgentOptions> options)
    : AgentTool(AgentToolNames.DownloadToRepo,
        "Download a file (an image, font, JSON, ...) from an http or https URL into the project, e.g. into " +
        "public/images/hero.jpg. Files over the size limit are refused.",
        """
        {
          "type": "object",
          "properties": {
            "source_url": { "type": "string", "description": "http or https URL to download." },
            "target_path": { "type": "string", "description": "Project-relative path to save it to, e.g. public/logo.png." }
          },
          "required": ["source_url", "target_path"],
          "additionalProperties": false
        }
        """)
{
    /// <summary>The named <see cref="HttpClient"/> the tool uses; hosts may configure it further.</summary>
    public const string HttpClientName = "AppBuilder.Agent.Download";

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = arguments.GetRequiredString("source_url");
        var target = TextFiles.NormalizePath(arguments.GetRequiredString("target_path"));
        var uri = GuardedHttp.ValidateUrl(url, "source_url");
        var files = context.Sandbox.Files;
        var existing = await files.GetEntryAsync(target, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            throw new ToolException($"'{target}' is a folder; give the path of the file to create.");
        }

        var maxBytes = settings.DownloadMaxBytes;
        var request = new GuardedHttpRequest(maxBytes, settings.DownloadMaxRedirects, settings.DownloadTimeout,
            final => TooLarge(final, maxBytes), "the download of", "download");
        var response = await GuardedHttp.GetAsync(httpClientFactory.CreateClient(HttpClientName), uri, url, request,
            context.TimeProvider, cancellationToken).ConfigureAwait(false);

        var content = response.Body;
        var mediaType = response.ContentType?.MediaType;
        await files.WriteAsync(target, content, cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(target, existing is null ? FileChangeKind.Created : FileChangeKind.Changed));
        return string.Create(CultureInfo.InvariantCulture,
            $"Downloaded {content.Length} bytes{(mediaType is null ? "" : $" ({mediaType})")} from {response.FinalUri} to {target}.");
    }

    private static ToolException TooLarge(Uri uri, long maxBytes) => new(string.Create(CultureInfo.InvariantCulture,
        $"{uri} is larger than the {maxBytes / 1024.0 / 1024.0:0.##} MB download limit; nothing was saved."));
}
