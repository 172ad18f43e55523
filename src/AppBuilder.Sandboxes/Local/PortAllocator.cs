using System.Net;
using System.Net.Sockets;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// Hands out free loopback ports: binds port 0 on 127.0.0.1 (the kernel picks an ephemeral port), releases it, and
/// remembers the port so that it is not handed out again until released. One allocator serves the whole process.
/// A preferred port such as 5173 is deliberately not tried first: other dev servers on the machine commonly hold it.
/// </summary>
/// <remarks>Thread-safe. Another program can still take a port between its release here and its use.</remarks>
internal sealed class PortAllocator
{
    private const int Attempts = 64;
    private readonly HashSet<int> _reserved = [];

    /// <summary>The allocator shared by every local provider in this process.</summary>
    public static PortAllocator Shared { get; } = new();

    /// <summary>Returns a free port not handed out before (and not released since).</summary>
    public int Reserve()
    {
        lock (_reserved)
        {
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
