using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent;

/// <summary>
/// Options of the agent loop and its tools, bound from the configuration section <c>AppBuilder:Agent</c> and
/// validated at start.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "AppBuilder:Agent";

    /// <summary>Model calls allowed in one turn before it ends with <c>StepBudgetExhausted</c>. Default 40.</summary>
    [Range(1, 1000)]
    public int MaxSteps { get; set; } = 40;

    /// <summary>How far ahead a running turn renews its sandbox's lease before each model and tool call, so that
    /// idle clean-up never stops a sandbox mid-turn. Default 15 minutes.</summary>
    public TimeSpan TurnLeaseExtension { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// When the session's history is estimated above this many tokens, its oldest turns are summarised into one
    /// message and old tool results are shortened. Tokens are estimated as characters / 4. Default 100 000.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int ContextTokenBudget { get; set; } = 100_000;

    /// <summary>Characters kept of each older tool result (and long tool-call argument) when history is compacted. Default 1 000.</summary>
    [Range(100, 1_000_000)]
    public int CompactedToolResultChars { get; set; } = 1_000;

    /// <summary>Characters of one tool result passed to the model; longer results are cut. Default 40 000.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxToolResultChars { get; set; } = 40_000;

    /// <summary>A system prompt replacing the built-in one; <see langword="null"/> keeps the built-in prompt.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Text appended to the system prompt (house rules, design guidance).</summary>
    public string? AdditionalInstructions { get; set; }

    /// <summary>Whether the system prompt lists the project's files at the start of each turn. Default true.</summary>
    public bool IncludeFileTreeInPrompt { get; set; } = true;

    /// <summary>Most files listed in the system prompt's file tree. Default 300.</summary>
    [Range(1, 100_000)]
    public int FileTreeMaxEntries { get; set; } = 300;

    /// <summary>The model id sent with each request; <see langword="null"/> uses the chat client's default.</summary>
    public string? ModelId { get; set; }

    /// <summary>Sampling temperature sent with each request, when set.</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }

    /// <summary>Most tokens the model may produce per call, when set.</summary>
    [Range(1, 1_000_000)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>
    /// Prices per model id (case-insensitive) used to compute the cost of each model call. A model id without an entry
    /// of its own takes the longest entry it starts with followed by <c>-</c> (<c>gpt-4o</c> prices
    /// <c>gpt-4o-2024-08-06</c>); a model with no entry at all records its tokens with an unknown cost.
    /// </summary>
    public Dictionary<string, ModelPrice> ModelPrices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Most US dollars one project may spend on model calls per <see cref="BudgetPeriod"/>; once its recorded cost
    /// reaches this, a new turn is refused (code <c>budget_exceeded</c>) before any model call. Needs an
    /// <c>IUsageStore</c>. Calls without a price count as nothing. <see langword="null"/> (the default): no budget.
    /// </summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? ProjectBudget { get; set; }

    /// <summary>Like <see cref="ProjectBudget"/>, over all projects of the user who starts the turn
    /// (<see cref="AgentTurnRequest.UserId"/>; turns without a user are not limited by it).</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? UserBudget { get; set; }

    /// <summary>The time over which budgets count spending. Default <see cref="UsageBudgetPeriod.Total"/>.</summary>
    public UsageBudgetPeriod BudgetPeriod { get; set; } = UsageBudgetPeriod.Total;

    /// <summary>Names of tools the model is not offered (built-in or host tools), such as <c>run_command</c>.</summary>
    public List<string> DisabledTools { get; set; } = [];

    /// <summary>Most characters the <c>view</c> tool returns at once. Default 60 000.</summary>
    [Range(1_000, 10_000_000)]
    public int ViewMaxChars { get; set; } = 60_000;

    /// <summary>Most matches <c>search_files</c> returns. Default 200.</summary>
    [Range(1, 100_000)]
    public int SearchMaxResults { get; set; } = 200;

    /// <summary>Time one <c>search_files</c> regular expression may spend on one line. Default 2 seconds.</summary>
    public TimeSpan SearchRegexTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Files larger than this are skipped by <c>search_files</c>. Default 1 MiB.</summary>
    [Range(1, int.MaxValue)]
    public int SearchMaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Timeout of <c>run_command</c> when the model gives none. Default 2 minutes.</summary>
    public TimeSpan CommandDefaultTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest timeout the model may ask <c>run_command</c> for. Default 10 minutes.</summary>
    public TimeSpan CommandMaxTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Characters of command output returned to the model (head and tail kept). Default 20 000.</summary>
    [Range(200, 10_000_000)]
    public int CommandOutputMaxChars { get; set; } = 20_000;

    /// <summary>Timeout of <c>npm install</c> / <c>npm uninstall</c>. Default 5 minutes.</summary>
    public TimeSpan DependencyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest file <c>download_to_repo</c> accepts, enforced while streaming. Default 10 MiB.</summary>
    [Range(1L, 4L * 1024 * 1024 * 1024)]
    public long DownloadMaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Timeout of one download, redirects included. Default 60 seconds.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects <c>download_to_repo</c> follows (each re-checked). Default 5.</summary>
    [Range(0, 20)]
    public int DownloadMaxRedirects { get; set; } = 5;

    /// <summary>
    /// Whether <c>download_to_repo</c> may connect to loopback, private, link-local and other non-public addresses.
    /// Default false, so a model cannot reach the host's internal services (cloud metadata, admin ports).
    /// </summary>
    public bool DownloadAllowPrivateNetworks { get; set; }

    /// <summary>Most bytes of a page <c>fetch_website</c> reads, enforced while streaming; the rest of a larger page
    /// is not read (the result says so). Default 2 MiB.</summary>
    [Range(1_024L, 1L * 1024 * 1024 * 1024)]
    public long WebFetchMaxBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Most characters of markdown <c>fetch_website</c> returns; longer pages are cut with a note. Default 20 000.</summary>
    [Range(500, 1_000_000)]
    public int WebFetchMaxChars { get; set; } = 20_000;

    /// <summary>Timeout of one <c>fetch_website</c> call, redirects included. Default 30 seconds.</summary>
    public TimeSpan WebFetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects <c>fetch_website</c> follows (each re-checked). Default 5.</summary>
    [Range(0, 20)]
    public int WebFetchMaxRedirects { get; set; } = 5;

    /// <summary>
    /// Whether <c>fetch_website</c> may connect to loopback, private, link-local and other non-public addresses.
    /// Default false, for the same reason as <see cref="DownloadAllowPrivateNetworks"/>.
    /// </summary>
    public bool WebFetchAllowPrivateNetworks { get; set; }

    /// <summary>Results <c>web_search</c> returns when the model asks for no particular number. Default 5.</summary>
    [Range(1, 20)]
    public int WebSearchDefaultCount { get; set; } = 5;

    /// <summary>Timeout of one <c>web_search</c> call. Default 30 seconds.</summary>
    public TimeSpan WebSearchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest image <c>generate_image</c> writes into the project. Default 10 MiB.</summary>
    [Range(1_024L, 1L * 1024 * 1024 * 1024)]
    public long ImageMaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Timeout of one <c>generate_image</c> call. Default 3 minutes (image models are slow).</summary>
    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
