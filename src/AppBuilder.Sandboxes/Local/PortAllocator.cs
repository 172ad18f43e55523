using System.Net;
using System.Net.Sockets;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// Hands out free loopback ports: binds port 0 (or the preferred port) on 127.0.0.1, releases it, and remembers the
/// port so that it is not handed out again until released.
/// </summary>
/// <remarks>Thread-safe. Another program can still take a port between its release here and its use.</remarks>
internal sealed class PortAllocator
{
    private const int Attempts = 64;
    private readonly HashSet<int> _reserved = [];

    /// <summary>Returns <paramref name="preferredPort"/> when it is free and not reserved, else another free port.</summary>
    public int Reserve(int preferredPort)
    {
        lock (_reserved)
        {
            if (preferredPort is > 0 and <= IPEndPoint.MaxPort && !_reserved.Contains(preferredPort) && TryBind(preferredPort) is { } preferred)
            {
                _reserved.Add(preferred);
                return preferred;
            }

            for (var i = 0; i < Attempts; i++)
            {
                if (TryBind(0) is { } port && _reserved.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free loopback port could be found.");
    }

    /// <summary>Makes ports available again.</summary>
    public void Release(IEnumerable<int> ports)
    {
        lock (_reserved)
        {
            foreach (var port in ports)
            {
                _reserved.Remove(port);
            }
        }
    }

    /// <summary>Whether nothing listens on <paramref name="port"/> right now.</summary>
    public static bool IsFree(int port) => TryBind(port) is not null;

    private static int? TryBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
