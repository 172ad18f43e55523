using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Bench.Hmr;

/// <summary>
/// A real AppBuilder host for the HMR bench: Kestrel on 127.0.0.1 (any free port), <c>AddAppBuilder</c> with its
/// defaults (local sandboxes, workspaces with a dependency cache, file storage, the replay model, the agent) rooted in
/// a temporary folder, <c>MapAppBuilder()</c>, and a cookie sign-in for one user.
/// </summary>
internal sealed class HmrBenchHost : IAsyncDisposable
{
    public const string User = "bench";

    private readonly WebApplication _app;

    private HmrBenchHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        // Every host name (the editor's 127.0.0.1 and each {id}.preview.localhost) reaches this host, as in a browser.
        Http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, baseAddress.Port), cancellationToken)
                        .ConfigureAwait(false);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        Http.DefaultRequestHeaders.Add("Cookie", $"{BenchAuthHandler.CookieName}={User}");
    }

    /// <summary>The host's root URL, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An HTTP client signed in as <see cref="User"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>The host's services (the same singletons the endpoints use).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the host with everything it stores under <paramref name="root"/>.</summary>
    public static async Task<HmrBenchHost> StartAsync(string root, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["AppBuilder:Storage:Root"] = Path.Join(root, "data");
        builder.Configuration["AppBuilder:Sandbox:Local:WorkRoot"] = Path.Join(root, "sandboxes");
        builder.Configuration["AppBuilder:Workspace:CacheRoot"] = Path.Join(root, "cache");
        builder.Services.AddAuthentication(BenchAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchAuthHandler>(BenchAuthHandler.SchemeName, null);
        builder.Services.AddAppBuilder(builder.Configuration);
        var app = builder.Build();
        app.MapAppBuilder();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HmrBenchHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates a project through the API (<c>POST /api/projects</c>) and returns its id and first session id.</summary>
    public async Task<(string ProjectId, string SessionId)> CreateProjectAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("api/projects", new { title = "HMR bench" }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString()!);
    }

    /// <summary>Opens the project's workspace through the API (<c>POST /api/projects/{id}/open</c>, which returns when
    /// the dev server answers) and returns the preview path it reports.</summary>
    public async Task<string> OpenAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync($"api/projects/{projectId}/open", null, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Opening the workspace answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("previewPath").GetString()!;
    }

    /// <summary>
    /// Loads the project's preview as a browser does: a grant from the API (<c>POST …/preview-grant</c>), the grant
    /// exchange on the project's preview origin (a session cookie), then <c>GET /</c> there. Returns the status and body.
    /// </summary>
    public async Task<(System.Net.HttpStatusCode Status, string Html)> GetPreviewAsync(string projectId, CancellationToken cancellationToken)
    {
        using var grantResponse = await Http.PostAsync($"api/projects/{projectId}/preview-grant", null, cancellationToken).ConfigureAwait(false);
        grantResponse.EnsureSuccessStatusCode();
        using var grant = JsonDocument.Parse(await grantResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var origin = grant.RootElement.GetProperty("origin").GetString()!;
        using var exchange = new HttpRequestMessage(HttpMethod.Get, grant.RootElement.GetProperty("url").GetString());
        using var exchanged = await Http.SendAsync(exchange, cancellationToken).ConfigureAwait(false);
        if (exchanged.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The preview grant exchange answered {(int)exchanged.StatusCode}.");
        }

        using var page = new HttpRequestMessage(HttpMethod.Get, origin + "/");
        page.Headers.Add("Cookie", exchanged.Headers.GetValues("Set-Cookie").First().Split(';')[0]);
        using var response = await Http.SendAsync(page, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The running workspace of a project (its real local sandbox).</summary>
    public ProjectWorkspace Workspace(string projectId) =>
        Services.GetRequiredService<IWorkspaceManager>().Find(projectId)
        ?? throw new InvalidOperationException($"Project {projectId} has no running workspace.");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
