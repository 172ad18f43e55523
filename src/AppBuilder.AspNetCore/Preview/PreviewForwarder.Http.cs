using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AppBuilder.AspNetCore.Preview;

internal sealed partial class PreviewForwarder
{
    private async Task ForwardHttpAsync(HttpContext context, string projectId, Uri target)
    {
        using var request = CreateRequest(context, target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_options.Value.PreviewRequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            Log.PreviewTimedOut(_logger, projectId, target.AbsolutePath);
            await PreviewPages.WriteUnavailableAsync(context, StatusCodes.Status504GatewayTimeout).ConfigureAwait(false);
            return;
        }
        catch (HttpRequestException ex)
        {
            Log.PreviewUpstreamFailed(_logger, ex, projectId, target.AbsolutePath);
            await PreviewPages.WriteUnavailableAsync(context, StatusCodes.Status502BadGateway).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            context.Response.StatusCode = (int)response.StatusCode;
            CopyResponseHeaders(response, context.Response);
            if (HttpMethods.IsHead(context.Request.Method) || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
            {
                return;
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (ShouldInject(context, response))
            {
                await WriteInjectedAsync(context, projectId, response).ConfigureAwait(false);
                return;
            }

            try
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
            {
                // The browser went away mid-response.
            }
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, Uri target)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (HasBody(incoming))
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHopHeaders.Contains(name) || IsNotForwarded(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        return request;
    }

    // Host: the dev server checks it against its allowed hosts, so it gets its own authority.
    // Accept-Encoding: pages arrive uncompressed so the capture script can be injected (the dev server is local).
    // Cookie, Authorization: the host's credentials never reach code running in the sandbox.
    private static bool IsNotForwarded(string name) =>
        name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Cookie, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static void CopyResponseHeaders(HttpResponseMessage response, HttpResponse outgoing)
    {
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHopHeaders.Contains(header.Key) || header.Key.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            outgoing.Headers[header.Key] = header.Value.ToArray();
        }
    }

    private bool ShouldInject(HttpContext context, HttpResponseMessage response) =>
        _options.Value.InjectCaptureScript
        && HttpMethods.IsGet(context.Request.Method)
        && response.StatusCode == HttpStatusCode.OK
        && response.Content.Headers.ContentType?.MediaType == "text/html"
        && response.Content.Headers.ContentEncoding.All(e => e.Equals("identity", StringComparison.OrdinalIgnoreCase));

    private async Task WriteInjectedAsync(HttpContext context, string projectId, HttpResponseMessage response)
    {
        var max = _options.Value.MaxInjectedHtmlBytes;
        var upstream = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await upstream.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                // Too large to rewrite: pass it through untouched.
                await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
                await upstream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }

        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? Encoding.UTF8 : GetEncodingOrUtf8(charset);
        var html = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var logsPath = context.Request.PathBase + _captureScript.Paths.LogsPath(projectId);
        var bytes = encoding.GetBytes(PreviewCaptureScript.Inject(html, _captureScript.ScriptTag(logsPath)));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static Encoding GetEncodingOrUtf8(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
