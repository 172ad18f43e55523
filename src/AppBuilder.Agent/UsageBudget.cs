using System.Globalization;
using AppBuilder.Agent.Diagnostics;
using AppBuilder.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent;

/// <summary>
/// Checks <see cref="AgentOptions.ProjectBudget"/> and <see cref="AgentOptions.UserBudget"/> against what the
/// <see cref="IUsageStore"/> recorded in the current <see cref="AgentOptions.BudgetPeriod"/>. Every turn asks it before
/// its first model call; hosts ask it too, to refuse a turn before starting it (the HTTP API answers 402).
/// </summary>
/// <remarks>Thread-safe. Registered by <c>AddAgent</c>.</remarks>
public sealed class UsageBudget
{
    /// <summary>The error code of a turn refused for its budget.</summary>
    public const string ExceededCode = "budget_exceeded";

    private readonly IServiceProvider _services;
    private readonly IOptions<AgentOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the checker (the DI container does).</summary>
    public UsageBudget(IServiceProvider services, IOptions<AgentOptions> options, TimeProvider time, ILogger<UsageBudget> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _services = services;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Returns why a new turn of <paramref name="projectId"/> started by <paramref name="userId"/> must be refused — a
    /// message safe to show to the person — or <see langword="null"/> when no budget is configured or none is spent.
    /// </summary>
    /// <exception cref="AppBuilderException">The usage store failed (code <c>storage_error</c>).</exception>
    public async Task<string?> GetRefusalAsync(string projectId, string? userId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        var options = _options.Value;
        if (options.ProjectBudget is null && (options.UserBudget is null || string.IsNullOrEmpty(userId)))
        {
            return null;
        }

        var store = _services.GetService<IUsageStore>() ?? throw new InvalidOperationException(
            "A budget is configured but no IUsageStore is registered: call AddFileStorage() or AddPostgreSqlProjects().");
        var since = PeriodStart(options.BudgetPeriod, _time.GetUtcNow());
        if (options.ProjectBudget is { } projectBudget)
        {
            var spent = (await store.GetTotalsAsync(new UsageQuery { ProjectId = projectId, Since = since }, cancellationToken)
                .ConfigureAwait(false)).Cost;
            if (spent >= projectBudget)
            {
                Log.BudgetExceeded(_logger, projectId, "project", projectBudget, spent);
                return $"This project's budget of {Usd(projectBudget)}{PeriodText(options.BudgetPeriod)} is spent ({Usd(spent)} so far), " +
                    "so no new turn can start. Ask the administrator to raise the budget.";
            }
        }

        if (options.UserBudget is { } userBudget && !string.IsNullOrEmpty(userId))
        {
            var spent = (await store.GetTotalsAsync(new UsageQuery { UserId = userId, Since = since }, cancellationToken)
                .ConfigureAwait(false)).Cost;
            if (spent >= userBudget)
            {
                Log.BudgetExceeded(_logger, projectId, "user", userBudget, spent);
                return $"Your budget of {Usd(userBudget)}{PeriodText(options.BudgetPeriod)} is spent ({Usd(spent)} so far), " +
                    "so no new turn can start. Ask the administrator to raise the budget.";
            }
        }

        return null;
    }

    /// <summary>The first instant counted by a budget of <paramref name="period"/> at <paramref name="now"/>, in UTC.</summary>
    public static DateTimeOffset? PeriodStart(UsageBudgetPeriod period, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return period switch
        {
            UsageBudgetPeriod.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            UsageBudgetPeriod.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => null,
        };
    }

    private static string PeriodText(UsageBudgetPeriod period) => period switch
    {
        UsageBudgetPeriod.Day => " for today (UTC)",
        UsageBudgetPeriod.Month => " for this month (UTC)",
        _ => "",
    };

    private static string Usd(decimal amount) => "$" + amount.ToString("0.00##", CultureInfo.InvariantCulture);
}
