using System.Net;
using System.Net.Sockets;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Decides which addresses the agent's own HTTP tools (<c>download_to_repo</c>, <c>fetch_website</c>) may connect to,
/// and builds their HTTP handler. The check runs in the handler's connect callback on the addresses actually dialled,
/// so DNS tricks (rebinding, names resolving to 127.0.0.1) cannot reach loopback, private, link-local or other
/// non-public networks unless they are allowed. Redirects are not followed by the handler: callers follow them by
/// hand (<see cref="GuardedHttp"/>), so every hop goes through this check again.
/// </summary>
internal static class NetworkAddressPolicy
{
    /// <summary>A handler that dials only public addresses, or any address when <paramref name="allowPrivateNetworks"/>.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetworks) =>
        CreateHandler(allowPrivateNetworks ? _ => true : IsPublic);

    /// <summary>A handler that dials only the addresses <paramref name="isAllowed"/> accepts.</summary>
    public static SocketsHttpHandler CreateHandler(Func<IPAddress, bool> isAllowed) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var allowed = addresses.Where(isAllowed).ToArray();
            if (allowed.Length == 0)
            {
                throw new BlockedAddressException(host);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Whether an address is on the public internet (not loopback, private, link-local, CGNAT, multicast, reserved).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return false;
            }

            var b = address.GetAddressBytes();
            var isNat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;
            var isDocumentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8;
            return !isNat64 && !isDocumentation;
        }

        return false;
    }
}
