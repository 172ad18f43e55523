using Microsoft.Extensions.Hosting;

namespace AppBuilder.Storage.PostgreSql;

/// <summary>Creates or migrates the PostgreSQL project store's schema when the host starts, so that an unreachable
/// database or a schema newer than this build fails the start with a clear message rather than the first request.</summary>
internal sealed class PostgreSqlProjectStoreStartup(PostgreSqlProjectStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
