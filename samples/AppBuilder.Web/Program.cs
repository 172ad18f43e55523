using System.Threading.RateLimiting;
using AppBuilder.Web.Accounts;
using AppBuilder.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// The AppBuilder web editor: a Lovable-style builder on top of AddAppBuilder()/MapAppBuilder(), with local
// accounts (cookie sign-in), the React client from ClientApp/ and embedded defaults (local sandboxes, file
// storage under .appbuilder/, the replay model unless AppBuilder:Model:Provider is set).
var builder = WebApplication.CreateBuilder(args);
// Neither --urls nor ASPNETCORE_URLS: listen on loopback only, on the documented port. The same port serves every
// project's preview origin too (http://{projectId}.preview.localhost:5080; browsers resolve *.localhost to loopback).
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var dataRoot = DataRoot.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
dataRoot.AddDefaultsTo(builder.Configuration);
builder.Services.AddSingleton(dataRoot);

var appBuilder = builder.Services.AddAppBuilder(builder.Configuration)
    .ConfigureChatClient(chat => chat.UseOpenTelemetry());

// Cluster configuration (docs/production.md): N copies of this host behind a load balancer share PostgreSQL
// projects, S3 snapshots, Redis (AppBuilder:Cluster:Redis turns on the backplane, command bus and leases) and the
// Data Protection key ring (cookies and preview grants must be readable on every host).
var clusterRedis = builder.Configuration["AppBuilder:Cluster:Redis"];
if (!string.IsNullOrWhiteSpace(builder.Configuration["AppBuilder:Storage:PostgreSql:ConnectionString"]))
{
    appBuilder.AddPostgreSqlProjects();
}

if (!string.IsNullOrWhiteSpace(builder.Configuration["AppBuilder:Storage:S3:Bucket"]))
{
    appBuilder.AddS3Snapshots();
}

// AppBuilder as an MCP server at /mcp (streamable HTTP), for MCP clients signed in with a personal access token.
appBuilder.AddMcpServer();

builder.AddEditorTelemetry();

builder.Services.AddOptions<AccountOptions>()
    .Bind(builder.Configuration.GetSection(AccountOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<AccountOptions>, DevAccountEnvironmentValidator>();
builder.Services.AddSingleton<UserStore>();
builder.Services.AddSingleton<AccessTokenStore>();
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("AppBuilder.Web");
if (string.IsNullOrWhiteSpace(clusterRedis))
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(dataRoot.Resolve("keys")));
}
else
{
    // One key ring for every host, in the cluster's Redis (a Redis without persistence loses it on restart, which
    // signs everyone out and voids preview grants: give that Redis persistence, or use a shared folder or database).
    var keyRing = ConfigurationOptions.Parse(clusterRedis);
    keyRing.AbortOnConnectFail = false;
    dataProtection.PersistKeysToStackExchangeRedis(ConnectionMultiplexer.Connect(keyRing), "appbuilder:dataprotection-keys");
}
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "appbuilder.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.ExpireTimeSpan = TimeSpan.FromDays(14);
        options.SlidingExpiration = true;
        // An API, a hub and a preview proxy: answer with status codes, never redirect to a login page.
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    })
    .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.AddPolicy(AccountEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
});
builder.Services.AddEditorClient();

var app = builder.Build();

// Preview origins serve previews only: no editor files there (AppBuilder already keeps every other endpoint from them).
app.UseWhen(context => !context.IsAppBuilderPreviewOrigin(), editor => editor.UseEditorClientFiles());
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapAccountEndpoints();
app.MapAccessTokenEndpoints();
app.MapReplayPrompts();
app.MapAppBuilder().RequireAuthorization();
// MCP clients sign in with a personal access token (Authorization: Bearer abt_…) made on the dashboard; the cookie does
// not reach /mcp, so a browser page cannot drive it with the editor's session.
app.MapAppBuilderMcp("/mcp")
    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = AccessTokenAuthenticationHandler.SchemeName });
app.MapEditorClient();

var devAccount = await DevAccountSeeder.EnsureAsync(app.Services);
await app.StartAsync();
StartupBanner.Print(app, devAccount);
await app.WaitForShutdownAsync();
