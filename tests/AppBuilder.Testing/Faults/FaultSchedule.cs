using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AppBuilder.Testing.Faults;

/// <summary>
/// A seeded, deterministic schedule of HTTP faults: whether the n-th request with a given method and path-and-query
/// fails, and how, depends only on the seed, that method, that path and n — not on timing or on the order in which
/// concurrent requests arrive — so a test with a seed fails the same requests on every run.
/// </summary>
/// <param name="seed">The seed.</param>
/// <param name="rate">The share of requests that fail, 0 to 1.</param>
/// <param name="kinds">The faults to draw from (evenly); every kind but <see cref="HttpFault.None"/> when empty.</param>
public sealed class FaultSchedule(int seed, double rate, params HttpFault[] kinds)
{
    private static readonly HttpFault[] AllKinds = Enum.GetValues<HttpFault>().Where(k => k != HttpFault.None).ToArray();
    private readonly HttpFault[] _kinds = kinds.Length == 0 ? AllKinds : kinds;
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The share of requests that fail.</summary>
    public double Rate { get; } = rate is >= 0 and <= 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "Use 0 to 1.");

    /// <summary>Only requests for which this returns <see langword="true"/> may fail (all when unset).</summary>
    public Func<HttpRequestMessage, bool>? Applies { get; init; }

    /// <summary>The fault for <paramref name="request"/>; each call counts as the next occurrence of its method and path.</summary>
    public HttpFault Next(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Applies is { } applies && !applies(request))
        {
            return HttpFault.None;
        }

        var key = request.Method.Method + " " + request.RequestUri?.PathAndQuery;
        var occurrence = _seen.AddOrUpdate(key, 1, static (_, n) => n + 1);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{key}|{occurrence}"), hash);
        var draw = BinaryPrimitives.ReadUInt64LittleEndian(hash) / (double)ulong.MaxValue;
        return draw < Rate ? _kinds[BinaryPrimitives.ReadUInt32LittleEndian(hash[8..]) % (uint)_kinds.Length] : HttpFault.None;
    }
}
