using AppBuilder.Internal;
using System.Net;
using System.Net.Http.Headers;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// The GET both web tools make (<c>download_to_repo</c>, <c>fetch_website</c>): an http(s) URL validated up front,
/// redirects followed by hand so each target is validated again (and dialled through
/// <see cref="NetworkAddressPolicy"/>'s connect check), a size cap enforced while streaming and one time limit over
/// the whole exchange. Every failure is a <see cref="ToolException"/> with a message for the model.
/// </summary>
internal static class GuardedHttp
{
    /// <summary>The longest URL accepted, in characters.</summary>
    public const int MaxUrlLength = 4096;

    /// <summary>Parses an absolute http or https URL with a host, or throws a tool error naming <paramref name="what"/>.</summary>
    public static Uri ValidateUrl(string url, string what)
    {
        // On Unix "/x/y" parses as an absolute file: URI; it is a relative path to the model, and refused as one.
        var trimmed = url.Trim();
        if (url.Length > MaxUrlLength || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.IsFile && !trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ToolException($"{what} must be an absolute http or https URL, not '{TextFiles.Shorten(url, 200)}'.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ToolException($"{what} uses the '{uri.Scheme}' scheme; only http and https URLs are allowed.");
        }

        if (uri.Host.Length == 0)
        {
            throw new ToolException($"{what} has no host.");
        }

        return uri;
    }

    /// <summary>
    /// Gets <paramref name="uri"/> within <paramref name="request"/>'s limits. <paramref name="displayUrl"/> is the URL
    /// as the model gave it, for the messages about the exchange as a whole.
    /// </summary>
    public static async Task<GuardedHttpResponse> GetAsync(HttpClient client, Uri uri, string displayUrl, GuardedHttpRequest request,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            return await ToolTimeout.RunAsync(request.Timeout, timeProvider, token => GetCoreAsync(client, uri, request, token),
                seconds => $"{request.Activity} {displayUrl} did not finish within {seconds} seconds.", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is BlockedAddressException blocked ? blocked.Message : e.Message;
            throw new ToolException($"could not {request.Verb} {displayUrl}: {reason}");
        }
    }

    private static async Task<GuardedHttpResponse> GetCoreAsync(HttpClient client, Uri uri, GuardedHttpRequest request,
        CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            if (request.Accept is not null)
            {
                message.Headers.Accept.ParseAdd(request.Accept);
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location
                    ?? throw new ToolException($"{uri} answered {(int)response.StatusCode} without a Location header.");
                if (redirects >= request.MaxRedirects)
                {
                    throw new ToolException($"{uri} redirected more than {request.MaxRedirects} times.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                uri = ValidateUrl(next.AbsoluteUri, "the redirect target");
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ToolException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var contentType = response.Content.Headers.ContentType;
            request.CheckContentType?.Invoke(uri, contentType);
            if (!request.TruncateAtLimit && response.Content.Headers.ContentLength is { } length && length > request.MaxBytes)
            {
                throw request.TooLarge(uri);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var (body, truncated) = await ReadCappedAsync(stream, request, uri, cancellationToken).ConfigureAwait(false);
                return new GuardedHttpResponse(body, contentType, uri, truncated);
            }
        }
    }

    /// <summary>Reads at most <see cref="GuardedHttpRequest.MaxBytes"/>; past it, stops (truncating) or throws.</summary>
    private static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(Stream stream, GuardedHttpRequest request, Uri uri,
        CancellationToken cancellationToken)
    {
        var (body, truncated) = await CappedStream.ReadAtMostAsync(stream, request.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (truncated && !request.TruncateAtLimit)
        {
            throw request.TooLarge(uri);
        }

        return (body.ToArray(), truncated);
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

/// <summary>The limits and wording of one <see cref="GuardedHttp.GetAsync"/>.</summary>
/// <param name="MaxBytes">Most body bytes read.</param>
/// <param name="MaxRedirects">Redirects followed, each validated again.</param>
/// <param name="Timeout">Time allowed for the whole exchange, redirects included.</param>
/// <param name="TooLarge">The error for a body over <paramref name="MaxBytes"/> (unless <see cref="TruncateAtLimit"/>).</param>
/// <param name="Activity">Names the exchange in the timeout message, e.g. "the download of".</param>
/// <param name="Verb">Names it in the connection-failure message, e.g. "download".</param>
internal sealed record GuardedHttpRequest(long MaxBytes, int MaxRedirects, TimeSpan Timeout, Func<Uri, ToolException> TooLarge,
    string Activity, string Verb)
{
    /// <summary>Keep the first <see cref="MaxBytes"/> bytes of a larger body instead of failing.</summary>
    public bool TruncateAtLimit { get; init; }

    /// <summary>The <c>Accept</c> header sent, if any.</summary>
    public string? Accept { get; init; }

    /// <summary>Runs on the final answer's content type before its body is read; throws to refuse it.</summary>
    public Action<Uri, MediaTypeHeaderValue?>? CheckContentType { get; init; }
}

/// <summary>What <see cref="GuardedHttp.GetAsync"/> read.</summary>
internal sealed record GuardedHttpResponse(byte[] Body, MediaTypeHeaderValue? ContentType, Uri FinalUri, bool Truncated);
