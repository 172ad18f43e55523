namespace AppBuilder.AspNetCore.Cluster;

/// <summary>Marks a project route any cluster host serves itself (it reaches the turn over the command bus), so that
/// <see cref="ClusterRoutingFilter"/> neither takes the workspace lease for it nor forwards it.</summary>
internal sealed class AnyHostEndpointMetadata
{
    public static readonly AnyHostEndpointMetadata Instance = new();
}
