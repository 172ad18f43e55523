using System.Collections.Concurrent;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// Workspace leases in Redis: key <c>{prefix}lease:{projectId}</c> holds <c>{hostId}|{internalUrl}</c> of the one host
/// that acts on the project's workspace, with a time to live of <see cref="AppBuilderClusterOptions.LeaseDuration"/>.
/// Taken with <c>SET NX PX</c>, renewed and released by scripts that first check the value is still this host's, so a
/// host never extends or deletes a lease another host took. A host regards its lease as valid only until the lease
/// duration (less a tenth, for clock drift) has passed since it sent the last successful take or renewal — before
/// Redis can expire it — and <see cref="IsOwned"/> answers from that local state, so the workspace manager's checks
/// cost no round trip.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorkspaceLeases(ClusterRedis redis, ClusterIdentity identity, IOptions<AppBuilderClusterOptions> options,
    TimeProvider time, ILogger<WorkspaceLeases> logger) : IWorkspaceOwnership
{
    // Take when free, or extend when already ours; else answer the owner.
    private const string TakeScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        local owner = redis.call('GET', KEYS[1])
        if owner == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
        return owner
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.LeaseDuration;

    /// <summary>The projects this host holds a lease on (valid or not yet found expired).</summary>
    public ICollection<string> HeldProjects => _held.Keys;

    /// <inheritdoc />
    public bool IsOwned(string projectId) =>
        _held.TryGetValue(projectId, out var held) && time.GetTimestamp() < held.ValidUntil;

    /// <summary>When this host last took or used the project's lease for a request.</summary>
    public long? LastUsed(string projectId) => _held.TryGetValue(projectId, out var held) ? held.LastUsed : null;

    /// <summary>
    /// Takes the project's lease when it is free or already this host's (renewing it), and returns <see langword="null"/>;
    /// when another host holds it, returns that host.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable (see <see cref="ClusterRedis.IsOutage"/>).</exception>
    public async Task<WorkspaceLeaseOwner?> TakeOrFindOwnerAsync(string projectId)
    {
        var me = Me();
        var sentAt = time.GetTimestamp();
        var result = await redis.Database.ScriptEvaluateAsync(TakeScript, [Key(projectId)], [me, Milliseconds]).ConfigureAwait(false);
        if (result.Resp2Type == ResultType.Integer)
        {
            var now = time.GetTimestamp();
            _held.AddOrUpdate(projectId, _ => new Held(ValidFrom(sentAt), now), (_, _) => new Held(ValidFrom(sentAt), now));
            return null;
        }

        Forget(projectId); // someone else's now (it expired here and another host took it)
        var owner = WorkspaceLeaseOwner.Parse((string?)result);
        if (owner is null)
        {
            throw new InvalidOperationException($"The lease of project '{projectId}' holds a value AppBuilder did not write.");
        }

        return owner;
    }

    /// <summary>Renews a lease this host holds. Returns <see langword="false"/> when the lease is gone or another host's.</summary>
    /// <exception cref="RedisException">Redis is unreachable.</exception>
    public async Task<bool> RenewAsync(string projectId)
    {
        var sentAt = time.GetTimestamp();
        var renewed = (long)await redis.Database.ScriptEvaluateAsync(RenewScript, [Key(projectId)], [Me(), Milliseconds]).ConfigureAwait(false) == 1;
        if (renewed && _held.TryGetValue(projectId, out var held))
        {
            _held.TryUpdate(projectId, held with { ValidUntil = ValidFrom(sentAt) }, held);
        }

        return renewed;
    }

    /// <summary>Gives a lease back so that another host can take the project at once; forgets it here first.</summary>
    /// <exception cref="RedisException">Redis is unreachable (the lease then expires on its own).</exception>
    public async Task ReleaseAsync(string projectId)
    {
        Forget(projectId);
        await redis.Database.ScriptEvaluateAsync(ReleaseScript, [Key(projectId)], [Me()]).ConfigureAwait(false);
        Log.LeaseReleased(logger, projectId, identity.HostId);
    }

    /// <summary>Stops regarding the project's lease as this host's (fencing); Redis is not touched.</summary>
    public bool Forget(string projectId) => _held.TryRemove(projectId, out _);

    /// <summary>Whether the local validity of a held lease has passed.</summary>
    public bool HasLapsed(string projectId) => _held.TryGetValue(projectId, out var held) && time.GetTimestamp() >= held.ValidUntil;

    /// <summary>The host currently holding the project's lease, or <see langword="null"/> when it is free.</summary>
    public async Task<WorkspaceLeaseOwner?> FindOwnerAsync(string projectId) =>
        WorkspaceLeaseOwner.Parse(await redis.Database.StringGetAsync(Key(projectId)).ConfigureAwait(false));

    private RedisKey Key(string projectId) => redis.Key("lease:" + projectId);

    private string Me() => new WorkspaceLeaseOwner(identity.HostId, identity.InternalUrl).Format();

    private long Milliseconds => (long)_duration.TotalMilliseconds;

    private long ValidFrom(long sentAt) => sentAt + (long)(_duration.TotalSeconds * 0.9 * time.TimestampFrequency);

    private readonly record struct Held(long ValidUntil, long LastUsed);
}
