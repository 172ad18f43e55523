using System.ComponentModel.DataAnnotations;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.DependencyInjection;

/// <summary>
/// Validates <see cref="AgentOptions"/> at start: the data-annotation ranges, the time spans, the prices, and that the
/// services the agent needs (a chat model and a project store) are registered, naming the call that adds them.
/// </summary>
internal sealed class AgentOptionsValidator(IServiceProvider services) : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"AppBuilder:Agent: {r.ErrorMessage}"));
        }

        CheckPositive(failures, options.SearchRegexTimeout, nameof(options.SearchRegexTimeout));
        CheckPositive(failures, options.CommandDefaultTimeout, nameof(options.CommandDefaultTimeout));
        CheckPositive(failures, options.CommandMaxTimeout, nameof(options.CommandMaxTimeout));
        CheckPositive(failures, options.DependencyTimeout, nameof(options.DependencyTimeout));
        CheckPositive(failures, options.DownloadTimeout, nameof(options.DownloadTimeout));
        CheckPositive(failures, options.WebFetchTimeout, nameof(options.WebFetchTimeout));
        CheckPositive(failures, options.WebSearchTimeout, nameof(options.WebSearchTimeout));
        CheckPositive(failures, options.ImageTimeout, nameof(options.ImageTimeout));
        if (options.CommandDefaultTimeout > options.CommandMaxTimeout)
        {
            failures.Add("AppBuilder:Agent: CommandDefaultTimeout must not exceed CommandMaxTimeout.");
        }

        foreach (var (model, price) in options.ModelPrices)
        {
            if (price is null || price.InputPerMillionTokens < 0 || price.OutputPerMillionTokens < 0 || price.CachedInputPerMillionTokens < 0)
            {
                failures.Add($"AppBuilder:Agent: the price of model '{model}' must have non-negative InputPerMillionTokens, " +
                    "OutputPerMillionTokens and CachedInputPerMillionTokens.");
            }
        }

        if (services.GetService(typeof(IServiceProviderIsService)) is IServiceProviderIsService isService)
        {
            if (!isService.IsService(typeof(IChatClient)))
            {
                failures.Add("The agent needs a chat model, but no IChatClient is registered: call AddChatModel(configuration), " +
                    "AddOpenAIChat(...), AddAnthropicChat(...) or AddReplayChat() on the AppBuilder builder.");
            }
            else if (InvokesTools())
            {
                failures.Add(FunctionInvocationMessage);
            }

            if ((options.ProjectBudget is not null || options.UserBudget is not null) && !isService.IsService(typeof(IUsageStore)))
            {
                failures.Add("AppBuilder:Agent: a ProjectBudget or UserBudget is set, but no IUsageStore records what is spent: call " +
                    "AddFileStorage() or AddPostgreSqlProjects() on the AppBuilder builder (or register your own IUsageStore).");
            }

            if (!isService.IsService(typeof(IProjectStore)))
            {
                failures.Add("The agent keeps chat history in an IProjectStore, but none is registered: call AddFileStorage() " +
                    "on the AppBuilder builder (or register your own IProjectStore).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why a pipeline with <see cref="FunctionInvokingChatClient"/> is refused (at start and by a turn).</summary>
    internal const string FunctionInvocationMessage =
        "The chat client pipeline contains a FunctionInvokingChatClient (UseFunctionInvocation()): the agent runs tool calls " +
        "itself, with approvals and in the project's sandbox, so nothing in the pipeline may invoke them. Remove it.";

    /// <summary>Whether the registered chat client would run tools itself. A client that cannot be built here is
    /// left to the checks of its own registration.</summary>
    private bool InvokesTools()
    {
        try
        {
            return services.GetService(typeof(IChatClient)) is IChatClient chat
                && chat.GetService(typeof(FunctionInvokingChatClient)) is not null;
        }
        catch (Exception)
        {
            // The model's own options validation (or its factory, on first use) reports why it cannot be built.
            return false;
        }
    }

    private static void CheckPositive(List<string> failures, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AppBuilder:Agent: {name} must be a positive time span.");
        }
    }
}
