using AppBuilder.Sandboxes.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>Unconfined processes (no bubblewrap) run only where <see cref="LocalSandboxOptions.AllowUnconfined"/> or,
/// when it is unset, the Development environment permits them; elsewhere the start fails naming the setting.</summary>
public sealed class BubblewrapUnconfinedTests
{
    private const string MissingBwrap = "/nonexistent/appbuilder-test/bwrap";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Probe_BubblewrapMissingOutsideDevelopment_ThrowsNamingTheSetting(string environment)
    {
        var bubblewrap = Create(new LocalSandboxOptions { BubblewrapPath = MissingBwrap }, environment);

        var act = bubblewrap.IsEnabledAsync;

        var error = (await act.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("AppBuilder:Sandbox:Local:AllowUnconfined=true")
            .And.Contain($"'{environment}'").And.Contain(MissingBwrap).And.Contain("apt-get install bubblewrap");
    }

    [Fact]
    public async Task Probe_TurnedOffOutsideDevelopment_ThrowsNamingTheSetting()
    {
        var bubblewrap = Create(new LocalSandboxOptions { UseBubblewrap = false }, "Production");

        var act = bubblewrap.IsEnabledAsync;

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("UseBubblewrap is false").And.Contain("AppBuilder:Sandbox:Local:AllowUnconfined=true");
    }

    [Fact]
    public async Task Probe_BubblewrapMissingWithoutHostEnvironment_Throws()
    {
        var bubblewrap = Create(new LocalSandboxOptions { BubblewrapPath = MissingBwrap }, environment: null);

        var act = bubblewrap.IsEnabledAsync;

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("no host environment").And.Contain("AllowUnconfined");
    }

    [Fact]
    public async Task Probe_BubblewrapMissingInDevelopment_RunsUnconfinedWithWarning()
    {
        var logger = new ListLogger();
        var bubblewrap = Create(new LocalSandboxOptions { BubblewrapPath = MissingBwrap }, "Development", logger);

        var enabled = await bubblewrap.IsEnabledAsync();

        enabled.Should().BeFalse();
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Id == 2101)
            .Which.Message.Should().Contain("UNCONFINED");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Probe_AllowUnconfinedTrueOutsideDevelopment_RunsUnconfinedWithWarning(bool turnedOff)
    {
        var logger = new ListLogger();
        var options = turnedOff
            ? new LocalSandboxOptions { UseBubblewrap = false, AllowUnconfined = true }
            : new LocalSandboxOptions { BubblewrapPath = MissingBwrap, AllowUnconfined = true };
        var bubblewrap = Create(options, "Production", logger);

        var enabled = await bubblewrap.IsEnabledAsync();

        enabled.Should().BeFalse();
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Which.Message.Should().Contain("UNCONFINED");
    }

    [Fact]
    public async Task Probe_AllowUnconfinedFalseInDevelopment_Throws()
    {
        var bubblewrap = Create(new LocalSandboxOptions { BubblewrapPath = MissingBwrap, AllowUnconfined = false }, "Development");

        var act = bubblewrap.IsEnabledAsync;

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("AllowUnconfined is false");
    }

    [Fact]
    public async Task HostStart_ProductionWithoutBubblewrap_FailsNamingTheSetting()
    {
        using var host = BuildProductionHost();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("AppBuilder:Sandbox:Local:AllowUnconfined=true");
    }

    [Fact]
    public async Task HostStart_ProductionWithAllowUnconfinedFromConfiguration_Starts()
    {
        using var host = BuildProductionHost(("AppBuilder:Sandbox:Local:AllowUnconfined", "true"));

        await host.StartAsync();
        var enabled = await host.Services.GetRequiredService<Bubblewrap>().IsEnabledAsync();
        await host.StopAsync();

        enabled.Should().BeFalse();
    }

    /// <summary>A Production host whose local sandboxes find no bubblewrap.</summary>
    private static IHost BuildProductionHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["AppBuilder:Sandbox:Local:BubblewrapPath"] = MissingBwrap,
            ["AppBuilder:Sandbox:Local:WorkRoot"] = Path.Combine(Path.GetTempPath(), "appbuilder-unconfined-" + Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddAppBuilderCore().AddLocalSandboxes();
        return builder.Build();
    }

    private static Bubblewrap Create(LocalSandboxOptions options, string? environment, ILogger<Bubblewrap>? logger = null) =>
        new(Options.Create(options), logger ?? NullLogger<Bubblewrap>.Instance,
            environment is null ? null : new Environment(environment));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private sealed class ListLogger : ILogger<Bubblewrap>
    {
        public List<(LogLevel Level, int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
