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
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
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
