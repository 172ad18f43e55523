using AppBuilder.AspNetCore;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AppBuilder's cluster mode: N stateless hosts sharing one Redis server.</summary>
public static class ClusterAppBuilderExtensions
{
    /// <summary>
    /// Turns on cluster mode (<see cref="AppBuilderClusterOptions"/>, bound from <c>AppBuilder:Cluster</c>, then
    /// <paramref name="configure"/>): the SignalR Redis backplane (a turn's events reach editors connected to any
    /// host), the command bus (stop and approval answers reach the turn on whichever host runs it) and workspace
    /// leases (exactly one host opens, heartbeats, persists and reaps a project's workspace; a request reaching another
    /// host is forwarded to it; a host that dies releases its workspaces when its leases expire). <c>AddAppBuilder</c>
    /// calls it when <c>AppBuilder:Cluster:Redis</c> is set. The hosts must also share PostgreSQL projects, S3
    /// snapshots and Data Protection keys (see docs/production.md). Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The AppBuilder builder.</param>
    /// <param name="configure">Sets options after configuration is bound (at least <see cref="AppBuilderClusterOptions.Redis"/>
    /// must end up set; the start fails otherwise).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IAppBuilderBuilder AddRedisCluster(this IAppBuilderBuilder builder, Action<AppBuilderClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ClusterRedis)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return builder;
        }

        var options = services.AddOptions<AppBuilderClusterOptions>().BindConfiguration(AppBuilderClusterOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Redis),
                "Cluster mode needs AppBuilder:Cluster:Redis, the Redis connection string (such as 'localhost:6379').")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterRedis>();
        services.TryAddSingleton<ClusterIdentity>();
        services.TryAddSingleton<WorkspaceLeases>();
        services.TryAddSingleton<IWorkspaceOwnership>(sp => sp.GetRequiredService<WorkspaceLeases>());
        services.TryAddSingleton<ClusterForwarder>();
        services.TryAddSingleton<ClusterCommandBus>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterCommandBus>());
        services.TryAddSingleton<WorkspaceLeaseRenewer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkspaceLeaseRenewer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RequestBufferingStartupFilter>());
        services.AddHttpForwarder();
        services.AddSignalR().AddStackExchangeRedis();
        services.AddOptions<RedisOptions>().Configure<ClusterRedis>((redis, connection) =>
        {
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(connection.Prefix + "signalr:");
            redis.ConnectionFactory = _ => Task.FromResult(connection.Connection);
        });
        return builder;
    }
}
