using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// How preview requests and answers are rewritten on their way through YARP. Requests lose <c>Host</c> (the dev server
/// gets its own address, which Vite's host check accepts), <c>Cookie</c> and <c>Authorization</c> (no credential of the
/// browser reaches sandboxed code) and <c>Accept-Encoding</c> (pages arrive uncompressed, so the capture script can be
/// injected; the dev server is local). Answers get <see cref="PreviewHeaderPolicy"/>, and <c>200 text/html</c> answers to
/// <c>GET</c> get the capture script before <c>&lt;/head&gt;</c> (up to <see cref="AppBuilderOptions.MaxInjectedHtmlBytes"/>;
/// larger or encoded pages pass through untouched). Thread-safe; one instance serves every request.
/// </summary>
internal sealed class PreviewTransformer(PreviewCaptureScript captureScript, IOptions<AppBuilderOptions> options) : HttpTransformer
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the editor origin the answer may be framed by.</summary>
    public static readonly object EditorOriginKey = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Remove(HeaderNames.Host);
        proxyRequest.Headers.Remove(HeaderNames.Cookie);
        proxyRequest.Headers.Remove(HeaderNames.Authorization);
        proxyRequest.Headers.Remove(HeaderNames.AcceptEncoding);
        proxyRequest.Headers.Remove("X-Forwarded-For");
        proxyRequest.Headers.Remove("X-Forwarded-Host");
        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.Remove("Forwarded");
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        var proxy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var editorOrigin = httpContext.Items[EditorOriginKey] as string;
        if (proxyResponse is null || !proxy)
        {
            return proxy;
        }

        PreviewHeaderPolicy.Apply(httpContext.Response.Headers, editorOrigin);
        if (!ShouldInject(httpContext, proxyResponse))
        {
            return true;
        }

        await WriteInjectedAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private bool ShouldInject(HttpContext context, HttpResponseMessage response) =>
        options.Value.InjectCaptureScript
        && HttpMethods.IsGet(context.Request.Method)
        && response.StatusCode == HttpStatusCode.OK
        && response.Content.Headers.ContentType?.MediaType == "text/html"
        && response.Content.Headers.ContentEncoding.All(e => e.Equals("identity", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the page (up to the limit), injects the script and writes the answer itself; YARP then skips its copy.</summary>
    private async Task WriteInjectedAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxInjectedHtmlBytes;
        var body = context.Response.Body;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var upstream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await upstream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                // Too large to rewrite: pass it through untouched (the dev server's Content-Length still holds).
                await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
                await upstream.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = charset is null ? Encoding.UTF8 : GetEncodingOrUtf8(charset);
        var html = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var bytes = encoding.GetBytes(PreviewCaptureScript.Inject(html, captureScript.ScriptTag(PreviewPaths.PreviewLogsPath)));
        context.Response.ContentLength = bytes.Length;
        await body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
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
