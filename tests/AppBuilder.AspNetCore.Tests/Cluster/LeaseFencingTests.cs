using System.Net;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.Sandboxes;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AppBuilder.AspNetCore.Tests.Cluster;

/// <summary>A host whose workspace lease another host took stops acting on the workspace.</summary>
public sealed class LeaseFencingTests(ClusterServers servers) : IClassFixture<ClusterServers>
{
    [RequiresFact(Prerequisite.PostgreSql | Prerequisite.Redis | Prerequisite.Node)]
    public async Task LeaseTakenByAnotherHost_RenewalFencesTheWorkspace_AndRequestsGoToTheNewOwner()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await using var host = await ClusterTestHost.StartAsync("fenced", database, servers.Redis, servers.S3, servers.WorkRoot,
            leaseDuration: TimeSpan.FromSeconds(30));
        var (projectId, _) = await host.CreateProjectAsync("dave", supervised: false);
        using var client = host.ClientFor("dave");
        (await client.PostAsync($"/api/projects/{projectId}/open", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var workspaces = host.Services.GetRequiredService<IWorkspaceManager>();
        var leases = host.Services.GetRequiredService<WorkspaceLeases>();
        workspaces.Find(projectId).Should().NotBeNull();
        leases.IsOwned(projectId).Should().BeTrue();

        // As if this host had stalled past its lease and another host had taken the project.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString))
        {
            await redis.GetDatabase().StringSetAsync("appbuilder:lease:" + projectId, "other-host|http://127.0.0.1:9/", TimeSpan.FromSeconds(30));
        }

        await host.Services.GetRequiredService<WorkspaceLeaseRenewer>().RenewAllAsync();
        using var files = await client.GetAsync($"/api/projects/{projectId}/files");

        leases.IsOwned(projectId).Should().BeFalse();
        workspaces.Find(projectId).Should().BeNull("the workspace was stopped without persisting");
        files.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the request is forwarded to the new owner, which does not answer");
        (await files.Content.ReadAsStringAsync()).Should().Contain("does not answer");
    }
}
