using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Testing.FakeServers;

/// <summary>Starts a real Kestrel server on a loopback address and a free port, without logging: the base of every
/// local fake server.</summary>
public static class LoopbackKestrel
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its routes, starts it and returns it with its root URL
    /// (ending in <c>/</c>). Stop and dispose the app when done.</summary>
    /// <param name="map">Adds the routes.</param>
    /// <param name="address">The loopback address to bind, <c>127.0.0.1</c> unless another is needed.</param>
    public static async Task<(WebApplication App, Uri RootUrl)> StartAsync(Action<WebApplication> map, string address = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }
}
