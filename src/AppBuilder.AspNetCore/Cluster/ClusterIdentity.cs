using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>This host's id and the URL the other hosts forward requests to (<see cref="AppBuilderClusterOptions"/>).</summary>
internal sealed class ClusterIdentity(IOptions<AppBuilderClusterOptions> options, IServer server)
{
    private Uri? _url = options.Value.InternalUrl;

    public string HostId { get; } = string.IsNullOrWhiteSpace(options.Value.HostId)
        ? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..12]}"
        : options.Value.HostId.Trim();

    /// <summary>The internal URL, from the options or else the first address the server listens on.</summary>
    /// <exception cref="InvalidOperationException">Neither is known yet.</exception>
    public Uri InternalUrl => _url ??= FromServer()
        ?? throw new InvalidOperationException("AppBuilder:Cluster:InternalUrl is not set and the server listens on no known address yet.");

    private Uri? FromServer()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        // Wildcard bindings (http://+:80, http://0.0.0.0:80, http://[::]:80) name no host the others can reach.
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        return uri.Host is "0.0.0.0" or "[::]" ? new UriBuilder(uri) { Host = "localhost" }.Uri : uri;
    }
}
