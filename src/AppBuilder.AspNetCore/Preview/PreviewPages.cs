using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>The small pages the preview proxy answers with while a dev server is not there yet.</summary>
internal static class PreviewPages
{
    private const string StartingHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Starting preview…</title>
        <style>body{font-family:system-ui,sans-serif;color:#555;display:grid;place-items:center;height:100vh;margin:0}</style></head>
        <body><p>Starting the preview… this page reloads by itself.</p></body></html>
        """;

    private const string ErrorHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Preview unavailable</title>
        <style>body{font-family:system-ui,sans-serif;color:#555;display:grid;place-items:center;height:100vh;margin:0}</style></head>
        <body><p>The preview failed to start; retrying… (see the console for the dev server's output)</p></body></html>
        """;

    private const string UnavailableHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Preview unavailable</title>
        <style>body{font-family:system-ui,sans-serif;color:#555;display:grid;place-items:center;height:100vh;margin:0}</style></head>
        <body><p>The dev server is not answering; retrying…</p></body></html>
        """;

    /// <summary>503 with a page that reloads itself until the workspace is ready.</summary>
    public static Task WriteStartingAsync(HttpContext context, bool failed) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, failed ? ErrorHtml : StartingHtml, failed ? "5" : "2");

    /// <summary>502 or 504 with a page that reloads itself (the dev server is restarting or stuck).</summary>
    public static Task WriteUnavailableAsync(HttpContext context, int statusCode) =>
        WriteAsync(context, statusCode, UnavailableHtml, "2");

    private static Task WriteAsync(HttpContext context, int statusCode, string html, string retryAfter)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = statusCode;
        context.Response.Headers.RetryAfter = retryAfter;
        context.Response.Headers.CacheControl = "no-store";
        if (context.WebSockets.IsWebSocketRequest)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
