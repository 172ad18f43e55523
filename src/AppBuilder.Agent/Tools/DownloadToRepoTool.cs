using System.Globalization;
using System.Net;
using AppBuilder.Events;
using AppBuilder.Internal;
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

    private const int MaxUrlLength = 4096;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = arguments.GetRequiredString("source_url");
        var target = TextFiles.NormalizePath(arguments.GetRequiredString("target_path"));
        var uri = ValidateUrl(url, "source_url");
        var files = context.Sandbox.Files;
        var existing = await files.GetEntryAsync(target, cancellationToken).ConfigureAwait(false);
        if (existing is { IsDirectory: true })
        {
            throw new ToolException($"'{target}' is a folder; give the path of the file to create.");
        }

        using var timeout = new CancellationTokenSource(settings.DownloadTimeout, context.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ReadOnlyMemory<byte> content;
        string? mediaType;
        try
        {
            (content, mediaType, uri) = await DownloadAsync(uri, settings, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"the download of {url} did not finish within {settings.DownloadTimeout.TotalSeconds:0} seconds."));
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is BlockedAddressException blocked ? blocked.Message : e.Message;
            throw new ToolException($"could not download {url}: {reason}");
        }

        await files.WriteAsync(target, content, cancellationToken).ConfigureAwait(false);
        context.Emit(new FileChangedEvent(target, existing is null ? FileChangeKind.Created : FileChangeKind.Changed));
        return string.Create(CultureInfo.InvariantCulture,
            $"Downloaded {content.Length} bytes{(mediaType is null ? "" : $" ({mediaType})")} from {uri} to {target}.");
    }

    private async Task<(ReadOnlyMemory<byte> Content, string? MediaType, Uri FinalUri)> DownloadAsync(Uri uri, AgentOptions settings,
        CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new ToolException($"{uri} answered {(int)response.StatusCode} without a Location header.");
                if (redirects >= settings.DownloadMaxRedirects)
                {
                    throw new ToolException($"{uri} redirected more than {settings.DownloadMaxRedirects} times.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                uri = ValidateUrl(next.AbsoluteUri, "the redirect target");
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ToolException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength is { } length && length > settings.DownloadMaxBytes)
            {
                throw TooLarge(uri, settings.DownloadMaxBytes);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var content = await CappedStream.ReadToEndAsync(stream, settings.DownloadMaxBytes, cancellationToken).ConfigureAwait(false)
                    ?? throw TooLarge(uri, settings.DownloadMaxBytes);
                return (content, response.Content.Headers.ContentType?.MediaType, uri);
            }
        }
    }

    private static ToolException TooLarge(Uri uri, long maxBytes) => new(string.Create(CultureInfo.InvariantCulture,
        $"{uri} is larger than the {maxBytes / 1024.0 / 1024.0:0.##} MB download limit; nothing was saved."));

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    internal static Uri ValidateUrl(string url, string what)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ToolException($"{what} must be an absolute http or https URL, not '{TextFiles.Shorten(url, 200)}'.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ToolException($"{what} uses the '{uri.Scheme}' scheme; only http and https URLs can be downloaded.");
        }

        if (uri.Host.Length == 0)
        {
            throw new ToolException($"{what} has no host.");
        }

        return uri;
    }
}
