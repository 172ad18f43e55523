using AppBuilder.Agent;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AppBuilder.Web.Hosting;

/// <summary>
/// OpenTelemetry for the web editor: traces and metrics of ASP.NET Core, HttpClient (model calls included), the agent
/// (<c>invoke_agent</c> / <c>execute_tool</c>) and the model calls (<c>chat {model}</c>, token usage), exported over
/// OTLP when an endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as an environment variable or a
/// configuration key; the other standard <c>OTEL_*</c> settings apply too).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The configuration key whose value turns the OTLP exporter on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Adds tracing and metrics, and the OTLP exporter when <see cref="OtlpEndpointKey"/> is set.</summary>
    public static WebApplicationBuilder AddEditorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("AppBuilder.Web"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(AgentDiagnostics.SourceName, AgentDiagnostics.ChatClientSourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(AgentDiagnostics.MeterName, AgentDiagnostics.ChatClientSourceName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
