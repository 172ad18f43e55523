using AppBuilder.Agent.Tools;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tests.DependencyInjection;

public sealed class AgentAppBuilderExtensionsTests
{
    private static ServiceCollection ServicesWithModelAndStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(new ScriptedChatClient());
        services.AddSingleton<IProjectStore>(new InMemoryProjectStore());
        return services;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddAgent_ModelPipelineInvokesFunctions_FailsAtStartNamingTheMiddleware()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IProjectStore>(new InMemoryProjectStore());
        var builder = services.AddAppBuilderCore();
        builder.AddReplayChat().UseFunctionInvocation();
        builder.AddAgent();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().WithMessage("*FunctionInvokingChatClient (UseFunctionInvocation())*");
    }

    [Fact]
    public void AddAgent_ModelPipelineWithTelemetryAndLogging_StartsCleanly()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IProjectStore>(new InMemoryProjectStore());
        var builder = services.AddAppBuilderCore();
        builder.AddReplayChat().UseOpenTelemetry().UseLogging();
        builder.AddAgent();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IChatClient>().GetService<FunctionInvokingChatClient>().Should().BeNull();
    }

    [Fact]
    public void AddAgent_ConfigurationRegistered_BindsTheAppBuilderAgentSection()
    {
        var services = ServicesWithModelAndStore();
        services.AddSingleton(Configuration(
            ("AppBuilder:Agent:MaxSteps", "7"),
            ("AppBuilder:Agent:ContextTokenBudget", "50000"),
            ("AppBuilder:Agent:CommandDefaultTimeout", "00:00:30"),
            ("AppBuilder:Agent:DisabledTools:0", "run_command"),
            ("AppBuilder:Agent:ModelPrices:gpt-x:InputPerMillionTokens", "2.5"),
            ("AppBuilder:Agent:ModelPrices:gpt-x:OutputPerMillionTokens", "10")));
        services.AddAppBuilderCore().AddAgent(o => o.DownloadMaxRedirects = 2);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;

        (options.MaxSteps, options.ContextTokenBudget, options.CommandDefaultTimeout, options.DownloadMaxRedirects)
            .Should().Be((7, 50_000, TimeSpan.FromSeconds(30), 2));
        options.DisabledTools.Should().Equal("run_command");
        options.ModelPrices["GPT-X"].CostOf(1_000_000, 1_000_000).Should().Be(12.5m);
    }

    [Fact]
    public void AddAgent_WithSection_BindsIt()
    {
        var services = ServicesWithModelAndStore();
        var section = Configuration(("Custom:MaxSteps", "3")).GetSection("Custom");
        services.AddAppBuilderCore().AddAgent(section);

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<AgentOptions>>().Value.MaxSteps.Should().Be(3);
    }

    [Fact]
    public void AddAgent_NoConfiguration_UsesDefaults()
    {
        var services = ServicesWithModelAndStore();
        services.AddAppBuilderCore().AddAgent();

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;

        (options.MaxSteps, options.DownloadMaxBytes, options.DownloadAllowPrivateNetworks).Should().Be((40, 10L * 1024 * 1024, false));
    }

    [Fact]
    public void AddAgent_InvalidOptions_FailValidationAtStart()
    {
        var services = ServicesWithModelAndStore();
        services.AddAppBuilderCore().AddAgent(o =>
        {
            o.MaxSteps = 0;
            o.CommandDefaultTimeout = TimeSpan.FromHours(1);
            o.SearchRegexTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("MaxSteps", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("CommandDefaultTimeout must not exceed CommandMaxTimeout", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("SearchRegexTimeout must be a positive", StringComparison.Ordinal));
    }

    [Fact]
    public void AddAgent_NoChatModelOrStore_FailsAtStartNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddAgent();
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("no IChatClient is registered: call AddChatModel(configuration)", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("call AddFileStorage()", StringComparison.Ordinal));
    }

    [Fact]
    public void AddAgent_CalledTwice_RegistersEachServiceOnce()
    {
        var services = ServicesWithModelAndStore();
        var builder = services.AddAppBuilderCore();
        builder.AddAgent().AddAgent();

        services.Count(d => d.ServiceType == typeof(IAgentRunner)).Should().Be(1);
        services.Where(d => d.ServiceType == typeof(IAgentToolProvider)).Select(d => d.ImplementationType!.Name)
            .Should().BeEquivalentTo(["BuiltInToolProvider", "McpToolProvider"], "the built-in tools and the MCP client's, once each");
        services.Count(d => d.ServiceType == typeof(IValidateOptions<AgentOptions>)).Should().Be(1);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IAgentRunner>().Should().NotBeNull();
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(DownloadToRepoTool.HttpClientName).Timeout
            .Should().Be(Timeout.InfiniteTimeSpan);
    }
}
