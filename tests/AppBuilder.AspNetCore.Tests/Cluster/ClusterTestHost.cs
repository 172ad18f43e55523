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
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
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
        TimeSpan? leaseDuration = null, IXmlRepository? keys = null)
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
        if (keys is not null)
        {
            // One key ring for the cluster (docs/production.md#shared-data-protection-keys).
            builder.Services.AddDataProtection().SetApplicationName("AppBuilder.ClusterTests");
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = keys);
        }

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

    /// <summary>Exchanges a fresh preview grant (minted through this host's editor API) on <paramref name="exchangeOn"/>'s
    /// preview origin and returns the session cookie as a <c>Cookie</c> header value.</summary>
    public async Task<string> PreviewCookieAsync(string user, string projectId, ClusterTestHost exchangeOn)
    {
        using var client = ClientFor(user);
        var grant = await client.PostAsync($"/api/projects/{projectId}/preview-grant", null);
        grant.EnsureSuccessStatusCode();
        var url = (await grant.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("url").GetString()!;
        using var preview = exchangeOn.PreviewClient();
        using var response = await preview.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The grant exchange answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>The preview origin of <paramref name="projectId"/> on this host's port.</summary>
    public string PreviewOrigin(string projectId) => $"http://{projectId}.preview.localhost:{BaseAddress.Port}";

    /// <summary>A client whose every connection goes to this host's port (what a browser does for <c>*.localhost</c>),
    /// without cookies or redirects.</summary>
    public HttpClient PreviewClient() => new(PreviewHandler()) { Timeout = TimeSpan.FromSeconds(60) };

    public SocketsHttpHandler PreviewHandler() => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, BaseAddress.Port), cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A shared in-memory Data Protection key ring for the hosts of one test.</summary>
    public sealed class SharedKeys : IXmlRepository
    {
        private readonly List<System.Xml.Linq.XElement> _elements = [];

        public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements()
        {
            lock (_elements)
            {
                return _elements.Select(e => new System.Xml.Linq.XElement(e)).ToList();
            }
        }

        public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new System.Xml.Linq.XElement(element));
            }
        }
    }

    /// <summary>index.html and a Node server that serves it on the port given as its first argument (with an
    /// <c>x-dev-server-port</c> header naming that port), and echoes WebSocket text messages (<c>echo:…</c>, the
    /// first subprotocol asked for chosen) like Vite's HMR socket.</summary>
    private sealed class TinyTemplate : ITemplateSource
    {
        private const string Server = """
            const http = require('http');
            const fs = require('fs');
            const port = Number(process.argv[2]);
            const crypto = require('crypto');
            const server = http.createServer((req, res) => {
              res.setHeader('content-type', 'text/html');
              res.setHeader('x-dev-server-port', String(port));
              res.end(fs.readFileSync('index.html'));
            });
            server.on('upgrade', (req, socket) => {
              const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
              const protocol = (req.headers['sec-websocket-protocol'] || '').split(',')[0].trim();
              socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ' + accept
                + (protocol ? '\r\nSec-WebSocket-Protocol: ' + protocol : '') + '\r\n\r\n');
              let buffer = Buffer.alloc(0);
              socket.on('data', chunk => {
                buffer = Buffer.concat([buffer, chunk]);
                while (buffer.length >= 6) {
                  const opcode = buffer[0] & 0x0f;
                  let length = buffer[1] & 0x7f, offset = 2;
                  if (length === 126) { length = buffer.readUInt16BE(2); offset = 4; }
                  if (buffer.length < offset + 4 + length) return;
                  const mask = buffer.subarray(offset, offset + 4);
                  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length).map((b, i) => b ^ mask[i % 4]));
                  buffer = buffer.subarray(offset + 4 + length);
                  if (opcode === 8) { socket.end(Buffer.from([0x88, 0])); return; }
                  if (opcode !== 1) continue;
                  const reply = Buffer.from('echo:' + payload.toString('utf8') + '@' + port);
                  socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
                }
              });
              socket.on('error', () => {});
            });
            server.listen(port, '127.0.0.1', () => console.log('tiny server ready on ' + port));
            """;

        public IReadOnlyList<string> List() => [Template];

        public Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TemplateFile>?>(template == Template
                ? [new TemplateFile("index.html", Encoding.UTF8.GetBytes("<div id=\"root\">tiny</div>")),
                   new TemplateFile("server.js", Encoding.UTF8.GetBytes(Server))]
                : null);
    }
}
