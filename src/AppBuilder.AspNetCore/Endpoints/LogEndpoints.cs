using System.Text.Json;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Logs;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// Project logs: read the dev-server and browser console or the preview's network requests; the preview's capture
/// script posts batches of browser entries (JSON, any content type, so that <c>sendBeacon</c> works).
/// </summary>
internal static class LogEndpoints
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    // A page that throws in a loop reports the same error over and over: a batch counts for at most this many.
    private const int MaxErrorsPerRequest = 20;

    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/logs", Read);
        project.MapPost("/logs", (HttpContext context, IProjectLogStore logs, RealtimeBroadcaster realtime, IOptions<AppBuilderOptions> options,
            TimeProvider timeProvider, PreviewErrorTracker previewErrors, CancellationToken cancellationToken) =>
            AppendAsync(context, context.GetProject(), logs, realtime, options, timeProvider, previewErrors, cancellationToken));
    }

    private static Results<Ok<LogEntryDto[]>, ProblemHttpResult> Read(HttpContext context, string? kind, string? search, int? max,
        IProjectLogStore logs)
    {
        if (!TryParseKind(kind ?? "console", out var logKind))
        {
            return ApiResults.BadRequest("'kind' must be 'console' or 'network'.");
        }

        var entries = logs.Read(context.GetProject().Id, logKind, string.IsNullOrWhiteSpace(search) ? null : search, Math.Clamp(max ?? 200, 1, 1000));
        return TypedResults.Ok(entries.Select(e => new LogEntryDto(e.Timestamp, WireNames.Of(e.Kind), e.Level, e.Message, e.Source)).ToArray());
    }

    /// <summary>Appends a batch of browser entries to <paramref name="project"/>'s logs (also the preview origin's log POST).</summary>
    internal static async Task<Results<Ok<AppendLogsResult>, ProblemHttpResult>> AppendAsync(HttpContext context, ProjectRecord project,
        IProjectLogStore logs, RealtimeBroadcaster realtime, IOptions<AppBuilderOptions> options, TimeProvider timeProvider,
        PreviewErrorTracker previewErrors, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (await CappedRequestBody.ReadAsync(context.Request, limits.MaxLogRequestBytes, cancellationToken).ConfigureAwait(false)
            is not { } body)
        {
            return ApiResults.TooLarge($"Log batches are limited to {limits.MaxLogRequestBytes} bytes.");
        }

        BrowserLogEntry[]? batch;
        try
        {
            batch = body.Length == 0 ? [] : JsonSerializer.Deserialize<BrowserLogEntry[]>(body.Span, JsonOptions);
        }
        catch (JsonException)
        {
            return ApiResults.BadRequest("The body must be a JSON array of { kind, level, message, error? }.");
        }

        var now = timeProvider.GetUtcNow();
        var accepted = 0;
        var errors = 0;
        foreach (var item in (batch ?? []).Take(limits.MaxLogEntriesPerRequest))
        {
            if (item is null || string.IsNullOrEmpty(item.Message) || !TryParseKind(item.Kind ?? "console", out var kind))
            {
                continue;
            }

            // Structured errors (runtime, rejection, failed request, Vite's HMR error) become preview errors too.
            if (errors < MaxErrorsPerRequest && PreviewErrorParser.FromBrowser(item, context.Request.Host.Value ?? "") is { } report)
            {
                errors++;
                await previewErrors.ReportAsync(project.Id, report).ConfigureAwait(false);
            }

            var message = item.Message.Length <= limits.MaxLogMessageLength ? item.Message : item.Message[..limits.MaxLogMessageLength] + "…";
            var level = NormalizeLevel(item.Level);
            var entry = new ProjectLogEntry(now, kind, level, message, "browser");
            logs.Append(project.Id, entry);
            accepted++;
            await realtime.SendAsync(project.Id, RealtimeMethods.BuildLog,
                new BuildLogMessage(project.Id, WireNames.Of(kind), level, message, entry.Source, now)).ConfigureAwait(false);
        }

        return TypedResults.Ok(new AppendLogsResult(accepted));
    }

    private static bool TryParseKind(string value, out ProjectLogKind kind)
    {
        switch (value.ToLowerInvariant())
        {
            case "console":
                kind = ProjectLogKind.Console;
                return true;
            case "network":
                kind = ProjectLogKind.Network;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    private static string NormalizeLevel(string? level) => level?.ToLowerInvariant() switch
    {
        "error" => "error",
        "warn" or "warning" => "warn",
        "debug" => "debug",
        _ => "info",
    };

    internal sealed record AppendLogsResult(int Accepted);
}
