using System.Text.Json;
using AppBuilder.Internal;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.FileSystem;

/// <summary>
/// An <see cref="IProjectStore"/> on the local file system:
/// <c>{Root}/projects/{project}/project.json</c>, <c>…/sessions/{session}/session.json</c> and the session's history in
/// <c>…/sessions/{session}/messages.jsonl</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Every operation on a project holds that project's lock, which is shared by every instance in the
/// process over the same root. Records are written atomically (temporary file, flush, rename). Each
/// <see cref="AppendMessagesAsync"/> call is one line holding its messages as a JSON array, so a batch is stored whole
/// or not at all; an unfinished last line left by a crash is skipped when read. Other processes writing the same
/// root are not coordinated with.
/// </remarks>
internal sealed partial class FileProjectStore : IProjectStore
{
    private const string ProjectFileName = "project.json";
    private const string SessionsFolderName = "sessions";
    private const string DeletedPrefix = ".deleted-";

    private readonly string _projectsRoot;
    private readonly ILogger _logger;

    public FileProjectStore(IOptions<FileStorageOptions> options, ILogger<FileProjectStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _projectsRoot = Path.Combine(Path.GetFullPath(options.Value.Root), "projects");
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The folder holding one folder per project.</summary>
    internal string ProjectsRoot => _projectsRoot;

    public Task CreateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        var id = ValidateRecord(project);
        return WithProjectLockAsync(id, "create", async () =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(project, StorageJsonContext.Default.ProjectRecord);
            if (!await AtomicFile.TryCreateAsync(ProjectFile(id), bytes, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"A project with id '{id}' already exists.");
            }

            StorageLog.ProjectCreated(_logger, id);
            return true;
        }, cancellationToken);
    }

    public Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return GuardAsync(projectId, "get", () => ReadProjectAsync(projectId, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ProjectRecord>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default) =>
        GuardAsync("*", "list", async () =>
        {
            if (!Directory.Exists(_projectsRoot))
            {
                return (IReadOnlyList<ProjectRecord>)[];
            }

            var projects = new List<ProjectRecord>();
            foreach (var folder in Directory.EnumerateDirectories(_projectsRoot))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = FolderName.ToId(Path.GetFileName(folder));
                if (id is null)
                {
                    continue;
                }

                ProjectRecord? project;
                try
                {
                    project = await ReadProjectAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (AppBuilderException ex) when (ex.ErrorCode == StorageErrors.Code)
                {
                    // One damaged record must not hide every other project; GetAsync on it reports the damage.
                    continue;
                }

                if (project is not null && (ownerId is null || string.Equals(project.OwnerId, ownerId, StringComparison.Ordinal)))
                {
                    projects.Add(project);
                }
            }

            return projects
                .OrderByDescending(p => p.UpdatedAt)
                .ThenByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);

    public Task UpdateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        var id = ValidateRecord(project);
        return WithProjectLockAsync(id, "update", async () =>
        {
            var path = ProjectFile(id);
            if (!File.Exists(path))
            {
                throw new KeyNotFoundException($"Project '{id}' does not exist.");
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(project, StorageJsonContext.Default.ProjectRecord);
            await AtomicFile.WriteAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return WithProjectLockAsync(projectId, "delete", () =>
        {
            var folder = ProjectFolder(projectId);
            if (!Directory.Exists(folder))
            {
                return Task.FromResult(false);
            }

            // Rename first so that a crash mid-delete never leaves a half project visible; the renamed folder's
            // name is not an id, so nothing reads it.
            var doomed = Path.Combine(_projectsRoot, DeletedPrefix + Guid.NewGuid().ToString("N"));
            Directory.Move(folder, doomed);
            Directory.Delete(doomed, recursive: true);
            StorageLog.ProjectDeleted(_logger, projectId);
            return Task.FromResult(true);
        }, cancellationToken);
    }

    private static string ValidateRecord(ProjectRecord project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var id = StorageId.Validate(project.Id, nameof(project));
        ArgumentNullException.ThrowIfNull(project.OwnerId, nameof(project));
        ArgumentNullException.ThrowIfNull(project.Title, nameof(project));
        return id;
    }

    private string ProjectFolder(string projectId) => Path.Combine(_projectsRoot, FolderName.FromId(projectId));

    private string ProjectFile(string projectId) => Path.Combine(ProjectFolder(projectId), ProjectFileName);

    private async Task<ProjectRecord?> ReadProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var bytes = await TryReadAsync(ProjectFile(projectId), cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Deserialize(bytes, StorageJsonContext.Default.ProjectRecord, projectId, "its project record");
    }
}
