using AppBuilder.Agent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>
/// OpenTelemetry for the console host: traces and metrics of HttpClient (model calls included), the agent
/// (<c>invoke_agent</c> / <c>execute_tool</c>) and the model calls (<c>chat {model}</c>, token usage), exported over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or appbuilder.json). Without an endpoint nothing
/// is collected.
/// </summary>
internal static class ConsoleTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(HostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("appbuilder-console"))
            .WithTracing(tracing => tracing
                .AddHttpClientInstrumentation()
                .AddSource(AgentDiagnostics.SourceName, AgentDiagnostics.ChatClientSourceName))
            .WithMetrics(metrics => metrics
                .AddHttpClientInstrumentation()
                .AddMeter(AgentDiagnostics.MeterName, AgentDiagnostics.ChatClientSourceName))
            .UseOtlpExporter();
    }
}
