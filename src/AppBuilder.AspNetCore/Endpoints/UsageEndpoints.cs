using System.Globalization;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>
/// Usage and cost of model calls: <c>GET /api/projects/{id}/usage</c> (the project's totals, per turn and per UTC day)
/// and <c>GET /api/usage</c> (the signed-in user's totals, per UTC day and per project). Both read the
/// <see cref="IUsageStore"/>; the project route sits behind the project access filter like every other.
/// </summary>
internal static class UsageEndpoints
{
    private const int DefaultMaxTurns = 200;
    private const int MaxTurnsLimit = 1000;

    public static void Map(RouteGroupBuilder api, RouteGroupBuilder project)
    {
        project.MapGet("/usage", ProjectAsync);
        api.MapGet("/usage", UserAsync);
    }

    private static async Task<Results<Ok<ProjectUsageDto>, ProblemHttpResult>> ProjectAsync(HttpContext context, int? maxTurns,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (services.GetService(typeof(IUsageStore)) is not IUsageStore usage)
        {
            return NotRecorded();
        }

        var records = await usage.ListAsync(new UsageQuery { ProjectId = project.Id }, cancellationToken).ConfigureAwait(false);
        var turns = records
            .GroupBy(r => (r.SessionId, r.TurnId))
            .Select(g => new TurnUsageDto(g.Key.TurnId, g.Key.SessionId, g.Min(r => r.Timestamp), UsageTotals.Of(g),
                Distinct(g.Select(r => r.ModelId)), Distinct(g.Select(r => r.Provider))))
            .OrderByDescending(t => t.StartedAt)
            .Take(Math.Clamp(maxTurns ?? DefaultMaxTurns, 1, MaxTurnsLimit))
            .ToArray();
        return TypedResults.Ok(new ProjectUsageDto(project.Id, UsageTotals.Of(records), turns, Days(records)));
    }

    private static async Task<Results<Ok<UserUsageDto>, ProblemHttpResult>> UserAsync(HttpContext context, IProjectAccessPolicy policy,
        IProjectStore projects, IServiceProvider services, CancellationToken cancellationToken)
    {
        var userId = policy.GetUserId(context.User);
        if (userId is null)
        {
            return ApiResults.Unauthorized();
        }

        if (services.GetService(typeof(IUsageStore)) is not IUsageStore usage)
        {
            return NotRecorded();
        }

        var records = await usage.ListAsync(new UsageQuery { UserId = userId }, cancellationToken).ConfigureAwait(false);

        // Titles only of projects the user may still open; a deleted or no longer shared project keeps its totals, untitled.
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in await projects.ListAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (await policy.CanAccessAsync(context.User, project, cancellationToken).ConfigureAwait(false))
            {
                titles[project.Id] = project.Title;
            }
        }

        var perProject = records
            .GroupBy(r => r.ProjectId, StringComparer.Ordinal)
            .Select(g => new ProjectUsageSummaryDto(g.Key, titles.GetValueOrDefault(g.Key), UsageTotals.Of(g)))
            .OrderByDescending(p => p.Totals.Cost)
            .ThenBy(p => p.ProjectId, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new UserUsageDto(UsageTotals.Of(records), Days(records), perProject));
    }

    private static DayUsageDto[] Days(IReadOnlyList<UsageRecord> records) =>
        [.. records
            .GroupBy(r => DateOnly.FromDateTime(r.Timestamp.UtcDateTime))
            .OrderByDescending(g => g.Key)
            .Select(g => new DayUsageDto(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), UsageTotals.Of(g)))];

    private static string[] Distinct(IEnumerable<string?> values) =>
        [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static ProblemHttpResult NotRecorded() =>
        ApiResults.NotFound("Usage is not recorded on this host (no IUsageStore is registered)");
}
