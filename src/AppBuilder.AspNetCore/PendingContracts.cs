// TEMPORARY (removed when main carries the Sandboxes package's workspaces): the cross-package contracts
// from the team brief, declared here only so this package compiles before those packages land.
#pragma warning disable CS1591
using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.Sandboxes
{
    public sealed class WorkspaceOptions
    {
        public string PreviewBasePath { get; set; } = "/";
        public int? HmrClientPort { get; set; }
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
    }

    public interface IWorkspaceManager
    {
        Task<ProjectWorkspace> OpenAsync(string projectId, string template, CancellationToken cancellationToken = default);
        ProjectWorkspace? Find(string projectId);
        Task HeartbeatAsync(string projectId, CancellationToken cancellationToken = default);
        Task<SnapshotInfo?> PersistAsync(string projectId, string? label = null, CancellationToken cancellationToken = default);
        Task CloseAsync(string projectId, bool persist = true, CancellationToken cancellationToken = default);
        event EventHandler<WorkspaceEvent>? Changed;
    }

    public sealed class ProjectWorkspace
    {
        public required string ProjectId { get; init; }
        public required ISandbox Sandbox { get; init; }
        public WorkspaceStatus Status { get; set; }
        public Uri? PreviewUrl { get; set; }
    }

    public enum WorkspaceStatus { Starting, Ready, Sleeping, Error }

    public sealed record WorkspaceEvent(string ProjectId, WorkspaceEventKind Kind, string? Message, WorkspaceStatus Status, Uri? PreviewUrl);

    public enum WorkspaceEventKind { StatusChanged, UrlChanged, BuildLog }
}

namespace Microsoft.Extensions.DependencyInjection
{
    internal static class PendingContractsExtensions
    {
        public static IAppBuilderBuilder AddWorkspaces(this IAppBuilderBuilder builder, Action<WorkspaceOptions>? configure = null) => builder;
    }
}
