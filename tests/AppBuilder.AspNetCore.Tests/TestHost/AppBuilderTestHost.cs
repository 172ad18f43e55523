using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>
/// The host under test: a small startup (test authentication from a header, in-memory stores and workspaces, a
/// the real agent over a scripted model) that calls <c>AddAppBuilder</c> and <c>MapAppBuilder</c> exactly as an application would.
/// </summary>
public sealed class AppBuilderTestHost : WebApplicationFactory<AppBuilderTestHost>
{
    public AppBuilderTestHost() => Workspaces.Snapshots = Snapshots;

    internal FakeWorkspaceManager Workspaces { get; } = new();

    internal InMemoryProjectStore Projects { get; } = new();

    /// <summary>A project store to use instead of <see cref="Projects"/> (such as the PostgreSQL one); set before the
    /// host starts.</summary>
    internal IProjectStore? ProjectStore { get; set; }

    /// <summary>The model the real agent talks to; tests enqueue its answers.</summary>
    public ScriptedChatClient Model { get; } = new();

    internal InMemorySnapshotStore Snapshots { get; } = new();

    internal InMemoryProjectLogStore Logs { get; } = new();

    internal InMemoryUsageStore Usage { get; } = new();
    /// <summary>The host's clock, when a test drives time itself (a FakeTimeProvider); the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Extra settings, applied over the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Endpoints of the host's own, mapped after <c>MapAppBuilder</c> (such as an editor's fallback page).</summary>
    public Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? MapHostEndpoints { get; set; }

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .UseEnvironment(Environments.Development)
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(Settings))
            .ConfigureWebHost(web => web
                .UseTestServer()
                .UseContentRoot(AppContext.BaseDirectory)
                .ConfigureServices((context, services) =>
                {
                    services.AddSingleton<ISandboxProvider>(new InMemorySandboxProvider());
                    services.AddSingleton<IWorkspaceManager>(Workspaces);
                    services.AddSingleton<ITemplateSource>(new FixedTemplateSource());
                    services.AddSingleton<IProjectStore>(ProjectStore ?? Projects);
                    services.AddSingleton<ISnapshotStore>(Snapshots);
                    services.AddSingleton<IProjectLogStore>(Logs);
                    services.AddSingleton<IUsageStore>(Usage);
                    services.AddSingleton<IChatClient>(Model);
                    if (Time is not null)
                    {
                        services.AddSingleton(Time);
                    }

                    services.AddAuthentication(TestAuthHandler.SchemeName)
                        .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                    services.AddAppBuilder(context.Configuration).AddMcpServer();
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapAppBuilder();
                        endpoints.MapAppBuilderMcp();
                        MapHostEndpoints?.Invoke(endpoints);
                    });
                }));

    // The factory points the content root at a solution-relative folder that does not exist for this in-test host.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);

    /// <summary>An HTTP client signed in as <paramref name="user"/> (anonymous when null).</summary>
    public HttpClient ClientFor(string? user)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        }

        return client;
    }

    /// <summary>
    /// A started connection of the real SignalR client to the hub, signed in as <paramref name="user"/>: negotiation
    /// and the HTTP transports go through the test server's handler, WebSockets through its WebSocket client, both
    /// carrying the test user header.
    /// </summary>
    public async Task<HubConnection> ConnectHubAsync(string user, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/api/hub"), transport, o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Headers[TestAuthHandler.UserHeader] = user;
                o.WebSocketFactory = async (context, ct) => await ConnectWebSocketAsync(user, context.Uri, null, ct);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Opens a WebSocket to the test server as <paramref name="user"/>, offering <paramref name="subProtocols"/>.</summary>
    public Task<WebSocket> ConnectWebSocketAsync(string user, Uri uri, string[]? subProtocols, CancellationToken cancellationToken = default)
    {
        var client = Server.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers[TestAuthHandler.UserHeader] = user;
        foreach (var protocol in subProtocols ?? [])
        {
            client.SubProtocols.Add(protocol);
        }

        return client.ConnectAsync(uri, cancellationToken);
    }

    /// <summary>A connected MCP client (the official SDK's) on <c>/mcp</c>, signed in as <paramref name="user"/>.</summary>
    public async Task<ModelContextProtocol.Client.McpClient> ConnectMcpAsync(string user, CancellationToken cancellationToken = default)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        var transport = new ModelContextProtocol.Client.HttpClientTransport(new ModelContextProtocol.Client.HttpClientTransportOptions
        {
            Endpoint = new Uri(Server.BaseAddress, "/mcp"),
            TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: true);
        return await ModelContextProtocol.Client.McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
    }

    /// <summary>Creates a project as <paramref name="user"/> and returns its id and first session id.</summary>
    public async Task<(string ProjectId, string SessionId)> CreateProjectAsync(string user, bool supervised = false)
    {
        using var client = ClientFor(user);
        var response = await client.PostAsJsonAsync("/api/projects", new { title = "Test app", supervised });
        response.EnsureSuccessStatusCode();
        var dto = await response.Content.ReadFromJsonAsync<ProjectJson>();
        return (dto!.Id, dto.Sessions[0].Id);
    }

    internal sealed record ProjectJson(string Id, string Title, string Template, string Status, bool Supervised, string? InitialPrompt,
        WorkspaceJson Workspace, SessionJson[] Sessions);

    internal sealed record WorkspaceJson(string Status, string PreviewPath);

    internal sealed record SessionJson(string Id, string Title);
}

internal static class UriExtensions
{
    public static Uri ToWebSocketUri(this Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
