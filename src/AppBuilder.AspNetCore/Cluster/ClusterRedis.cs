using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// The one Redis connection of a cluster host, shared by the SignalR backplane, the command bus and the leases.
/// Created on first use; it never fails to be created while Redis is down (it reconnects in the background), and
/// operations on it throw <see cref="RedisException"/> or <see cref="TimeoutException"/> until Redis is back.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ClusterRedis : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;

    public ClusterRedis(IOptions<AppBuilderClusterOptions> options)
    {
        var value = options.Value;
        Prefix = value.KeyPrefix;
        _connection = new Lazy<ConnectionMultiplexer>(() =>
        {
            var configuration = ConfigurationOptions.Parse(value.Redis
                ?? throw new InvalidOperationException("AppBuilder:Cluster:Redis is not set."));
            configuration.AbortOnConnectFail = false; // start while Redis is down; reconnect when it returns
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 3000);
            configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 3000);
            configuration.ConnectRetry = Math.Max(configuration.ConnectRetry, 3);
            configuration.ClientName ??= "appbuilder";
            return ConnectionMultiplexer.Connect(configuration);
        });
    }

    /// <summary>The configured key and channel prefix.</summary>
    public string Prefix { get; }

    public IConnectionMultiplexer Connection => _connection.Value;

    public IDatabase Database => Connection.GetDatabase();

    public ISubscriber Subscriber => Connection.GetSubscriber();

    public RedisKey Key(string name) => Prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>Whether a Redis failure: the connection is down, or the server did not answer in time.</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (exception is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
