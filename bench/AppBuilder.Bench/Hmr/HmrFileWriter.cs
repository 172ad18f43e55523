using System.Diagnostics;
using System.Text.Json;
using AppBuilder.Agent;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Bench.Hmr;

/// <summary>
/// Writes files the way the agent does: the registered <c>write</c> tool (<see cref="AgentToolNames.Write"/>), resolved
/// from the host's <see cref="IAgentToolProvider"/>s and invoked with an <see cref="AgentToolContext"/> on the
/// workspace's sandbox — the same call the agent loop makes for a model's tool call.
/// </summary>
internal sealed class HmrFileWriter
{
    private readonly AIFunction _write;
    private readonly AgentToolContext _context;
    private readonly IServiceProvider _services;

    private HmrFileWriter(AIFunction write, AgentToolContext context, IServiceProvider services)
    {
        _write = write;
        _context = context;
        _services = services;
    }

    public static async Task<HmrFileWriter> CreateAsync(IServiceProvider services, string projectId, string sessionId, ISandbox sandbox,
        CancellationToken cancellationToken)
    {
        var context = new AgentToolContext(projectId, sessionId, sandbox, services.GetRequiredService<IProjectLogStore>());
        foreach (var provider in services.GetServices<IAgentToolProvider>())
        {
            foreach (var tool in await provider.GetToolsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                if (tool.Name == AgentToolNames.Write)
                {
                    return new HmrFileWriter(tool, context, services);
                }
            }
        }

        throw new InvalidOperationException("The host registers no 'write' tool.");
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> and returns how long the tool took, in ms.</summary>
    public async Task<double> WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["file_path"] = JsonSerializer.SerializeToElement(path),
            ["content"] = JsonSerializer.SerializeToElement(content),
        };
        var started = Stopwatch.GetTimestamp();
        var result = await _write.InvokeAsync(_context.CreateArguments(arguments, _services), cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result is not string text || text.StartsWith("Error:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The write tool failed: {result}");
        }

        return elapsed;
    }
}
