using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Bench.Streams;

/// <summary>
/// Opens many chat SSE streams at once against a real host (Kestrel on 127.0.0.1, the real agent over an in-memory
/// scripted model that streams text chunks, in-memory sandboxes) and measures, for every event, the delay between the
/// server timestamp the event carries and the moment the client parsed it, plus events that never arrived.
/// </summary>
public static class ConcurrentStreamsBench
{
    private const string User = "bench";

    /// <summary>Runs the benchmark.</summary>
    /// <param name="streams">Concurrent streams (each on its own project and session).</param>
    /// <param name="chunksPerStream">Text chunks the model streams per turn; each stream then carries that many
    /// <c>text</c> events and a <c>done</c>.</param>
    /// <param name="chunkDelay">Delay before each streamed chunk but the first, as the replay model paces its chunks
    /// (<c>ReplayChatOptions.ChunkDelay</c>); zero (the default) streams every chunk at once.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<ConcurrentStreamsResult> RunAsync(int streams = 1000, int chunksPerStream = 50, TimeSpan chunkDelay = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunksPerStream, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkDelay, TimeSpan.Zero);
        var root = Path.Combine(Path.GetTempPath(), "appbuilder-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var app = await StartHostAsync(root, chunksPerStream, chunkDelay, cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromMinutes(5),
            };
            http.DefaultRequestHeaders.Add(BenchAuthHandler.UserHeader, User);

            var targets = new List<(string ProjectId, string SessionId)>(streams);
            for (var i = 0; i < streams; i++)
            {
                targets.Add(await CreateProjectAsync(http, cancellationToken).ConfigureAwait(false));
            }

            var stopwatch = Stopwatch.StartNew();
            var results = await Task.WhenAll(targets.Select(t => RunStreamAsync(http, t.ProjectId, t.SessionId, cancellationToken))).ConfigureAwait(false);
            stopwatch.Stop();
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return Summarize(streams, chunksPerStream, results, stopwatch.Elapsed);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<WebApplication> StartHostAsync(string root, int chunksPerStream, TimeSpan chunkDelay,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["AppBuilder:Storage:Root"] = Path.Combine(root, "data");
        var chunks = Enumerable.Range(0, chunksPerStream).Select(i => $"chunk {i} ").ToArray();
        var model = new ScriptedChatClient { WhenEmpty = _ => ScriptedResponse.FromText(chunks) };
        builder.Services.AddSingleton<IChatClient>(chunkDelay > TimeSpan.Zero ? new PacedChatClient(model, chunkDelay) : model);
        builder.Services.AddSingleton<IProjectStore>(new InMemoryProjectStore());
        builder.Services.AddSingleton<IProjectLogStore>(new InMemoryProjectLogStore());
        builder.Services.AddSingleton<ISandboxProvider>(new InMemorySandboxProvider());
        builder.Services.AddSingleton<IWorkspaceManager>(new BenchWorkspaceManager());
        builder.Services.AddAuthentication(BenchAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchAuthHandler>(BenchAuthHandler.SchemeName, null);
        builder.Services.AddAppBuilder(builder.Configuration);
        var app = builder.Build();
        app.MapAppBuilder();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    private static async Task<(string, string)> CreateProjectAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/projects", new { title = "bench" }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString()!);
    }

    private static async Task<StreamResult> RunStreamAsync(HttpClient http, string projectId, string sessionId, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var texts = 0;
        var done = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat")
            {
                Content = JsonContent.Create(new { message = "stream please" }),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var received = DateTimeOffset.UtcNow;
                var agentEvent = AgentEventJson.Deserialize(line["data: ".Length..]);
                if (agentEvent is null)
                {
                    continue;
                }

                latencies.Add((received - agentEvent.Timestamp).TotalMilliseconds);
                if (agentEvent is TextDeltaEvent)
                {
                    texts++;
                }
                else if (agentEvent is DoneEvent)
                {
                    done = true;
                }
            }
        }
        catch (HttpRequestException)
        {
            return new StreamResult(latencies, texts, done, Failed: true);
        }

        return new StreamResult(latencies, texts, done, Failed: !done);
    }

    private static ConcurrentStreamsResult Summarize(int streams, int chunksPerStream, StreamResult[] results, TimeSpan elapsed)
    {
        var perStream = chunksPerStream + 1;
        long expected = (long)streams * perStream;
        long received = results.Sum(r => (long)Math.Min(r.Texts, chunksPerStream) + (r.Done ? 1 : 0));
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new ConcurrentStreamsResult(streams, perStream, expected, received, expected - received, results.Count(r => r.Failed),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? 0 : latencies[^1], elapsed);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record StreamResult(List<double> Latencies, int Texts, bool Done, bool Failed);
}
