using System.ComponentModel.DataAnnotations;

namespace AppBuilder.AspNetCore;

/// <summary>
/// Cluster mode (section <c>AppBuilder:Cluster</c>): several stateless hosts behind one load balancer, sharing one
/// Redis server for the SignalR backplane, the command bus (stop and approval answers from any host) and the
/// workspace leases (exactly one host acts on a project's workspace). Off while <see cref="Redis"/> is unset: one
/// host, nothing shared, nothing to configure. See docs/production.md.
/// </summary>
public sealed class AppBuilderClusterOptions
{
    /// <summary>The configuration section, <c>AppBuilder:Cluster</c>.</summary>
    public const string SectionName = "AppBuilder:Cluster";

    /// <summary>The StackExchange.Redis connection string (such as <c>redis.internal:6379,password=…</c>). Setting it
    /// turns cluster mode on. Default: unset (one host).</summary>
    public string? Redis { get; set; }

    /// <summary>This host's id in leases and on the command bus; unique per running host. Default: the machine name
    /// and a random suffix, new on each start.</summary>
    public string? HostId { get; set; }

    /// <summary>The URL the other hosts reach this host's AppBuilder API at, without the route prefix (such as
    /// <c>http://10.0.0.12:8080/</c>): a request for a project whose workspace this host holds is forwarded there.
    /// Default: the first address Kestrel listens on (set it explicitly when that is a wildcard address or not
    /// reachable from the other hosts).</summary>
    public Uri? InternalUrl { get; set; }

    /// <summary>How long a workspace lease lives without renewal; a host renews its leases every third of it, and a
    /// host that died releases its workspaces to the others after at most this long. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop or approval request on one host waits for the other hosts' answers over the command
    /// bus. Default: 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The prefix of every Redis key and channel AppBuilder uses, so that several deployments can share one
    /// Redis server. Default: <c>appbuilder:</c>.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "appbuilder:";
}
