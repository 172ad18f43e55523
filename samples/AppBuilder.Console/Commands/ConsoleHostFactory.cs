using System.CommandLine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>Builds the generic host with AppBuilder's embedded defaults: local sandboxes, file storage and the
/// model from configuration (replay when none is configured).</summary>
internal static class ConsoleHostFactory
{
    public static IHost Build(ParseResult parse) => Build(parse, configure: null);

    /// <summary>Builds the host; <paramref name="configure"/> adds services. With <paramref name="logsToStandardError"/>
    /// every log line goes to stderr (warnings and errors always, Information with --verbose), so that stdout stays
    /// free for a protocol such as MCP over stdio.</summary>
    public static IHost Build(ParseResult parse, Action<HostApplicationBuilder>? configure, bool logsToStandardError = false)
    {
        var data = Path.GetFullPath(parse.GetValue(ConsoleOptions.Data)!);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
            // Production unless DOTNET_ENVIRONMENT says otherwise: outside Development, local sandboxes refuse to run
            // unconfined (no bubblewrap) unless AppBuilder:Sandbox:Local:AllowUnconfined is true.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } environment
                ? environment
                : Environments.Production,
        });

        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appbuilder.json"), optional: true)
            .AddEnvironmentVariables();

        var overrides = new Dictionary<string, string?>();
        void Set(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                overrides[key] = value;
            }
        }

        Set("AppBuilder:Model:Provider", parse.GetValue(ConsoleOptions.Model));
        Set("AppBuilder:Model:Endpoint", parse.GetValue(ConsoleOptions.Endpoint));
        Set("AppBuilder:Model:ModelId", parse.GetValue(ConsoleOptions.ModelId));
        builder.Configuration.AddInMemoryCollection(overrides);

        builder.Logging.ClearProviders();
        if (logsToStandardError)
        {
            builder.Logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null,
                    parse.GetValue(ConsoleOptions.Verbose) ? LogLevel.Information : LogLevel.Warning);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else if (parse.GetValue(ConsoleOptions.Verbose))
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        }

        var appBuilder = builder.Services
            .AddAppBuilderCore()
            .AddLocalSandboxes(o => o.WorkRoot = Path.Combine(data, "sandboxes"))
            .AddWorkspaces(o => o.CacheRoot = Path.Combine(data, "cache"))
            .AddFileStorage(o => o.Root = Path.Combine(data, "data"));
        appBuilder.AddChatModel(builder.Configuration.GetSection("AppBuilder:Model")).UseOpenTelemetry();
        appBuilder.AddAgent();
        ConsoleTelemetry.Add(builder);
        configure?.Invoke(builder);

        return builder.Build();
    }
}
