using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.Bench.Report;
using AppBuilder.Bench.Streams;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using AppBuilder.Testing.Redis;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Bench.Cluster;

/// <summary>
/// Event latency across two hosts through Redis: two real AppBuilder hosts in cluster mode (Kestrel on 127.0.0.1,
/// one real redis-server, one project store shared in process, in-memory sandboxes), a turn run on host B whose model
/// streams paced text chunks, and two SignalR clients in the project's group — one connected to B (local delivery)
/// and one to A (delivery through the Redis backplane). The added delay of an event is its arrival time on A's
/// client minus its arrival time on B's client (one process, one monotonic clock).
/// </summary>
public static class CrossHostLatencyBench
{
    /// <summary>The target for the added delay at p99, in milliseconds.</summary>
    public const double P99TargetMs = 25;

    private const string User = "bench";

    /// <summary>Runs the bench and builds its report.</summary>
    public static async Task<BenchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        const int Turns = 5;
        const int Chunks = 200;
        var pace = TimeSpan.FromMilliseconds(5);
        await using var redis = new RedisServerFixture();
        await redis.InitializeAsync().ConfigureAwait(false);
        if (redis.ProcessId is null)
        {
            return new BenchReport("cluster", "event latency across two hosts through Redis", [], [], TimeSpan.Zero,
                "redis-server is not installed (eng/setup.sh installs it).");
        }

        // Baseline: one host, no Redis; the editor's hub client on the host that runs the turn.
        List<double> single;
        {
            await using var host = await StartHostAsync("single", null, new InMemoryProjectStore(), Chunks, pace, cancellationToken).ConfigureAwait(false);
            using var http = Client(host);
            var (projectId, sessionId) = await CreateProjectAsync(http, cancellationToken).ConfigureAwait(false);
            await using var editor = await JoinAsync(host, projectId).ConfigureAwait(false);
            single = (await MeasureAsync(http, projectId, sessionId, [editor], Turns, cancellationToken).ConfigureAwait(false))[0];
        }

        // Cluster: the turn runs on B; one editor on A (through the Redis backplane), one on B.
        var projects = new InMemoryProjectStore();
        await using var a = await StartHostAsync("bench-a", redis.ConnectionString, projects, Chunks, pace, cancellationToken).ConfigureAwait(false);
        await using var b = await StartHostAsync("bench-b", redis.ConnectionString, projects, Chunks, pace, cancellationToken).ConfigureAwait(false);
        using var httpB = Client(b);
        var (clusterProject, clusterSession) = await CreateProjectAsync(httpB, cancellationToken).ConfigureAwait(false);
        await using var onA = await JoinAsync(a, clusterProject).ConfigureAwait(false);
        await using var onB = await JoinAsync(b, clusterProject).ConfigureAwait(false);
        var cluster = await MeasureAsync(httpB, clusterProject, clusterSession, [onA, onB], Turns, cancellationToken).ConfigureAwait(false);
        var (otherHost, sameHost) = (cluster[0], cluster[1]);
        var expected = Turns * (Chunks + 1); // text events and done, per turn
        var missing = expected - otherHost.Count;

        var addedP50 = Percentiles.Of(otherHost, 50) - Percentiles.Of(single, 50);
        var addedP99 = Percentiles.Of(otherHost, 99) - Percentiles.Of(single, 99);
        var figures = new List<BenchFigure>
        {
            BenchFigure.AtMost("cross-host added delay p99 (other host − one host)", addedP99, P99TargetMs, "ms", "0.00"),
            BenchFigure.AtMost("events missing on the other host", missing, 0, "", "0"),
            BenchFigure.Info("cross-host added delay p50", BenchFigure.Format(addedP50, "ms", "0.00")),
            BenchFigure.Info("one host, no Redis: latency p50 / p99", Pair(single)),
            BenchFigure.Info("cluster, editor on the other host: p50 / p99", Pair(otherHost)),
            BenchFigure.Info("cluster, editor on the turn's host: p50 / p99", Pair(sameHost)),
            BenchFigure.Info("events measured (one host / other host)", $"{single.Count} / {otherHost.Count}"),
        };
        string[] notes =
        [
            $"Latency per agent_event = arrival at a SignalR client (WebSockets) − the timestamp the event carries (one machine clock). " +
            $"Each configuration runs one warm-up turn, then {Turns} turns whose model streams {Chunks} text chunks {pace.TotalMilliseconds:0} ms " +
            "apart. One host: AddAppBuilder without cluster mode, the client on that host. Cluster: two AppBuilder hosts with " +
            "AppBuilder:Cluster:Redis on one real redis-server, the turn sent to and run on B, one client on A and one on B (with the " +
            "backplane, B's own clients are also served through Redis). Added delay = the other-host client's percentile − the " +
            "one-host percentile. Hosts, clients and Redis share this machine: network time is loopback only.",
        ];
        return new BenchReport("cluster", "event latency across two hosts through Redis", figures, notes, Stopwatch.GetElapsedTime(started));
    }

    private static string Pair(List<double> samples) =>
        $"{BenchFigure.Format(Percentiles.Of(samples, 50), "", "0.00")} / {BenchFigure.Format(Percentiles.Of(samples, 99), "ms", "0.00")}";

    /// <summary>Runs a warm-up turn and <paramref name="turns"/> measured ones; returns each listener's latencies.</summary>
    private static async Task<List<double>[]> MeasureAsync(HttpClient http, string projectId, string sessionId, Listener[] listeners, int turns,
        CancellationToken cancellationToken)
    {
        var results = listeners.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i <= turns; i++)
        {
            foreach (var listener in listeners)
            {
                listener.Reset();
            }

            using (var response = await http.PostAsJsonAsync($"/api/projects/{projectId}/sessions/{sessionId}/chat", new { message = "stream" },
                cancellationToken).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false); // to the end of the turn
            }

            await Task.WhenAll(listeners.Select(l => l.Done.Task)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                for (var j = 0; j < listeners.Length; j++)
                {
                    results[j].AddRange(listeners[j].Latencies);
                }
            }
        }

        return results;
    }

    private static async Task<WebApplication> StartHostAsync(string hostId, string? redis, InMemoryProjectStore projects, int chunks,
        TimeSpan pace, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (redis is not null)
        {
            builder.Configuration["AppBuilder:Cluster:Redis"] = redis;
            builder.Configuration["AppBuilder:Cluster:HostId"] = hostId;
        }

        builder.Configuration["AppBuilder:AspNetCore:CheckpointAfterTurn"] = "false";
        var text = Enumerable.Range(0, chunks).Select(i => $"chunk {i} ").ToArray();
        var model = new ScriptedChatClient { WhenEmpty = _ => ScriptedResponse.FromText(text) };
        builder.Services.AddSingleton<IChatClient>(new PacedChatClient(model, pace));
        builder.Services.AddSingleton<IProjectStore>(projects);
        builder.Services.AddSingleton<ISnapshotStore>(new InMemorySnapshotStore());
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

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static HttpClient Client(WebApplication app)
    {
        var http = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(BenchAuthHandler.UserHeader, User);
        return http;
    }

    private static async Task<(string, string)> CreateProjectAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/projects", new { title = "bench" }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString()!);
    }

    private static async Task<Listener> JoinAsync(WebApplication app, string projectId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address(app), "/api/hub"), HttpTransportType.WebSockets, o => o.Headers[BenchAuthHandler.UserHeader] = User)
            .Build();
        var listener = new Listener(connection);
        await connection.StartAsync().ConfigureAwait(false);
        await connection.InvokeAsync("JoinProject", projectId).ConfigureAwait(false);
        return listener;
    }

    /// <summary>Records, for each agent event of the current turn, the delay from its timestamp to its arrival here.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly object _gate = new();
        private List<double> _latencies = [];
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Listener(HubConnection connection)
        {
            _connection = connection;
            connection.On<JsonElement>("agent_event", message =>
            {
                var at = DateTimeOffset.UtcNow;
                var type = message.GetProperty("type").GetString();
                var sent = message.GetProperty("event").GetProperty("timestamp").GetDateTimeOffset();
                lock (_gate)
                {
                    if (type is "text" or "done")
                    {
                        _latencies.Add((at - sent).TotalMilliseconds);
                    }

                    if (type == "done")
                    {
                        _done.TrySetResult();
                    }
                }
            });
        }

        public TaskCompletionSource Done
        {
            get
            {
                lock (_gate)
                {
                    return _done;
                }
            }
        }

        public List<double> Latencies
        {
            get
            {
                lock (_gate)
                {
                    return [.. _latencies];
                }
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _latencies = [];
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
