using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using FakeTimeProvider = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>
/// A real AppBuilder host on Kestrel (127.0.0.1, a random port) — YARP needs a real connection to upgrade WebSockets —
/// with the test authentication (<c>X-Test-User</c>), in-memory stores, fake workspaces pointing at a
/// <see cref="DevServerDouble"/>, and a <see cref="FakeTimeProvider"/>. Every client connects to 127.0.0.1 whatever host
/// name the URL has, as browsers do for <c>*.localhost</c>.
/// </summary>
internal sealed class PreviewTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PreviewTestHost(WebApplication app, int port, DevServerDouble devServer, FakeWorkspaceManager workspaces, InMemoryProjectStore projects,
        InMemoryProjectLogStore logs, FakeTimeProvider time)
    {
        _app = app;
        Port = port;
        DevServer = devServer;
        Workspaces = workspaces;
        Projects = projects;
        Logs = logs;
        Time = time;
    }

    public int Port { get; }

    public DevServerDouble DevServer { get; }

    public FakeWorkspaceManager Workspaces { get; }

    public InMemoryProjectStore Projects { get; }

    public InMemoryProjectLogStore Logs { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _app.Services;

    public Uri EditorAddress => new($"http://127.0.0.1:{Port}/");

    public string PreviewOrigin(string projectId) => $"http://{projectId}.preview.localhost:{Port}";

    public static async Task<PreviewTestHost> StartAsync(Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? mapHost = null)
    {
        var devServer = await DevServerDouble.StartAsync();
        var workspaces = new FakeWorkspaceManager { DevServer = devServer.Address };
        var projects = new InMemoryProjectStore();
        var logs = new InMemoryProjectLogStore();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISandboxProvider>(new InMemorySandboxProvider());
        builder.Services.AddSingleton<IWorkspaceManager>(workspaces);
        builder.Services.AddSingleton<ITemplateSource>(new FixedTemplateSource());
        builder.Services.AddSingleton<IProjectStore>(projects);
        builder.Services.AddSingleton<ISnapshotStore>(new InMemorySnapshotStore());
        builder.Services.AddSingleton<IProjectLogStore>(logs);
        builder.Services.AddSingleton<Microsoft.Extensions.AI.IChatClient>(new ScriptedChatClient());
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        configure?.Invoke(builder);
        builder.Services.AddAppBuilder(builder.Configuration);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAppBuilder();
        mapHost?.Invoke(app);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new PreviewTestHost(app, address.Port, devServer, workspaces, projects, logs, time);
    }

    /// <summary>A client without cookies or redirects that reaches this host for any host name.</summary>
    public HttpClient Client(string? user = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        })
        {
            BaseAddress = EditorAddress,
        };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        }

        return client;
    }

    /// <summary>Connects to this host's port on 127.0.0.1 (what a browser does for <c>*.localhost</c>).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Creates a project as <paramref name="user"/> and returns its id.</summary>
    public async Task<string> CreateProjectAsync(string user)
    {
        using var client = Client(user);
        var response = await client.PostAsJsonAsync("/api/projects", new { title = "Preview app" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Opens the project's workspace as <paramref name="user"/> and returns the open answer.</summary>
    public async Task<JsonElement> OpenAsync(string user, string projectId)
    {
        using var client = Client(user);
        var response = await client.PostAsync($"/api/projects/{projectId}/open", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A fresh grant link for <paramref name="user"/> on <paramref name="projectId"/>.</summary>
    public async Task<string> GrantAsync(string user, string projectId)
    {
        using var client = Client(user);
        var response = await client.PostAsync($"/api/projects/{projectId}/preview-grant", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
    }

    /// <summary>Exchanges a fresh grant and returns the session cookie as a <c>Cookie</c> header value.</summary>
    public async Task<string> SessionCookieAsync(string user, string projectId)
    {
        using var client = Client();
        var response = await client.GetAsync(await GrantAsync(user, projectId));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The grant exchange answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>A request to <paramref name="projectId"/>'s preview origin carrying <paramref name="cookie"/>.</summary>
    public HttpRequestMessage PreviewRequest(HttpMethod method, string projectId, string pathAndQuery, string? cookie)
    {
        var request = new HttpRequestMessage(method, PreviewOrigin(projectId) + pathAndQuery);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await DevServer.DisposeAsync();
    }
}
