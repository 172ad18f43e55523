using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using AppBuilder.Testing.Redis;
using AppBuilder.Testing.S3;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Tests.Cluster;

/// <summary>
/// One full AppBuilder host of a cluster, on real Kestrel on a free loopback port: <c>AddAppBuilder</c> with
/// <c>AppBuilder:Cluster:Redis</c> set, PostgreSQL projects, S3 snapshots (s3rver), the local sandbox engine (each
/// host has its own work folder) with a tiny Node dev server, and a scripted model. Signed in by the test header.
/// </summary>
internal sealed class ClusterTestHost : IAsyncDisposable
{
    public const string Template = "tiny";
    private readonly WebApplication _app;
    private bool _disposed;

    private ClusterTestHost(WebApplication app, string name, ScriptedChatClient model)
    {
        _app = app;
        Name = name;
        Model = model;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public string Name { get; }

    /// <summary>The scripted model this host's agent talks to.</summary>
    public ScriptedChatClient Model { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ClusterTestHost> StartAsync(string name, string postgres, RedisServerFixture redis, S3rverFixture s3, string workRoot,
        TimeSpan? leaseDuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppBuilder:Cluster:Redis"] = redis.ConnectionString,
            ["AppBuilder:Cluster:HostId"] = name,
            ["AppBuilder:Cluster:LeaseDuration"] = (leaseDuration ?? TimeSpan.FromSeconds(3)).ToString(),
            ["AppBuilder:Cluster:CommandTimeout"] = "00:00:05",
            ["AppBuilder:Storage:PostgreSql:ConnectionString"] = postgres,
            ["AppBuilder:Sandbox:Local:WorkRoot"] = Path.Combine(workRoot, name),
            ["AppBuilder:Sandbox:Local:AllowUnconfined"] = "true",
            ["AppBuilder:Workspace:CacheRoot"] = Path.Combine(workRoot, name + "-cache"),
            ["AppBuilder:Workspace:DevServerCommand:0"] = "node",
            ["AppBuilder:Workspace:DevServerCommand:1"] = "server.js",
            ["AppBuilder:Workspace:DevServerCommand:2"] = "{port}",
            ["AppBuilder:AspNetCore:DefaultTemplate"] = Template,
        });

        var model = new ScriptedChatClient();
        builder.Services.AddSingleton<IChatClient>(model);
        builder.Services.AddSingleton<ITemplateSource>(new TinyTemplate());
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAppBuilder(builder.Configuration)
            .AddPostgreSqlProjects()
            .AddS3Snapshots(o =>
            {
                o.ServiceUrl = s3.ServiceUrl;
                o.Bucket = s3.Bucket;
                o.AccessKey = s3.AccessKey;
                o.SecretKey = s3.SecretKey;
                o.ForcePathStyle = true;
                o.Prefix = "cluster/";
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAppBuilder();
        await app.StartAsync();

        return new ClusterTestHost(app, name, model);
    }

    public HttpClient ClientFor(string user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        return client;
    }

    public async Task<HubConnection> ConnectHubAsync(string user)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/api/hub"), HttpTransportType.WebSockets, o => o.Headers[TestAuthHandler.UserHeader] = user)
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public async Task<(string ProjectId, string SessionId)> CreateProjectAsync(string user, bool supervised)
    {
        using var client = ClientFor(user);
        var response = await client.PostAsJsonAsync("/api/projects", new { title = "Cluster app", supervised, template = Template });
        response.EnsureSuccessStatusCode();
        var dto = await response.Content.ReadFromJsonAsync<AppBuilderTestHost.ProjectJson>();
        return (dto!.Id, dto.Sessions[0].Id);
    }

    /// <summary>Kills the host as a crash would: no graceful stop, so nothing is persisted and no lease released —
    /// the services are disposed (sandboxes stopped, Redis connection closed, Kestrel aborted).</summary>
    public async Task KillAsync()
    {
        _disposed = true;
        await ((IAsyncDisposable)_app).DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await ((IAsyncDisposable)_app).DisposeAsync();
        }
    }

    /// <summary>index.html and a Node server that serves it on the port given as its first argument.</summary>
    private sealed class TinyTemplate : ITemplateSource
    {
        private const string Server = """
            const http = require('http');
            const fs = require('fs');
            const port = Number(process.argv[2]);
            http.createServer((req, res) => {
              res.setHeader('content-type', 'text/html');
              res.end(fs.readFileSync('index.html'));
            }).listen(port, '127.0.0.1', () => console.log('tiny server ready on ' + port));
            """;

        public IReadOnlyList<string> List() => [Template];

        public Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TemplateFile>?>(template == Template
                ? [new TemplateFile("index.html", Encoding.UTF8.GetBytes("<div id=\"root\">tiny</div>")),
                   new TemplateFile("server.js", Encoding.UTF8.GetBytes(Server))]
                : null);
    }
}
