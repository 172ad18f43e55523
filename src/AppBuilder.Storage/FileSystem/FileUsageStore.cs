using System.Text.Json;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.FileSystem;

/// <summary>
/// An <see cref="IUsageStore"/> on the local file system: one JSON line per model call in
/// <c>{Root}/usage/{project}.jsonl</c>, beside (not inside) the project folders, so a deleted project's spending stays.
/// </summary>
/// <remarks>
/// Thread-safe: appends to one project's file hold that file's lock, shared by every instance in the process. Each
/// record is one line flushed to disk; an unfinished last line left by a crash is skipped when read and cut off by the
/// next append. A record appended twice (a retried append) is read once. Totals and user queries read every file: fine
/// for one host's usage, while large installations use the PostgreSQL store.
/// </remarks>
internal sealed class FileUsageStore : IUsageStore
{
    private const string Extension = ".jsonl";
    private readonly string _root;
    private readonly ILogger _logger;

    public FileUsageStore(IOptions<FileStorageOptions> options, ILogger<FileUsageStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.Combine(Path.GetFullPath(options.Value.Root), "usage");
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        UsageRecord.Validate(record, nameof(record));
        var path = FileOf(record.ProjectId);
        var line = JsonSerializer.SerializeToUtf8Bytes(record, UsageJsonContext.Default.UsageRecord);
        using var held = await AsyncKeyedLock.Shared.AcquireAsync("usage:" + path, cancellationToken).ConfigureAwait(false);
        await GuardAsync("append", async () =>
        {
            Directory.CreateDirectory(_root);
            if (await JsonLinesFile.AppendLineAsync(path, line, cancellationToken).ConfigureAwait(false))
            {
                UsageLog.TornLineDiscarded(_logger, record.ProjectId);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<UsageRecord>> ListAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        UsageQueries.Validate(query, nameof(query));
        return GuardAsync("list", () => ReadAsync(query, cancellationToken), cancellationToken);
    }

    public async Task<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        UsageTotals.Of(await ListAsync(query, cancellationToken).ConfigureAwait(false));

    private async Task<IReadOnlyList<UsageRecord>> ReadAsync(UsageQuery query, CancellationToken cancellationToken)
    {
        IEnumerable<(string ProjectId, string Path)> files;
        if (query.ProjectId is not null)
        {
            files = [(query.ProjectId, FileOf(query.ProjectId))];
        }
        else if (Directory.Exists(_root))
        {
            files = Directory.EnumerateFiles(_root, "*" + Extension)
                .Select(p => (ProjectId: FolderName.ToId(Path.GetFileNameWithoutExtension(p)), Path: p))
                .Where(f => f.ProjectId is not null)
                .Select(f => (f.ProjectId!, f.Path))
                .ToList();
        }
        else
        {
            return [];
        }

        var records = new List<UsageRecord>();
        foreach (var (projectId, path) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in await JsonLinesFile.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                var record = Parse(line, projectId);
                if (seen.Add(record.Id) && UsageQueries.Matches(query, record))
                {
                    records.Add(record);
                }
            }
        }

        records.Sort(UsageQueries.Compare);
        return records;
    }

    private UsageRecord Parse(ReadOnlyMemory<byte> line, string projectId)
    {
        try
        {
            var record = JsonSerializer.Deserialize(line.Span, UsageJsonContext.Default.UsageRecord)
                ?? throw new JsonException("The line holds null.");
            return string.Equals(record.ProjectId, projectId, StringComparison.Ordinal)
                ? record
                : throw new JsonException("A record of another project is in the file.");
        }
        catch (JsonException ex)
        {
            UsageLog.Damaged(_logger, ex, projectId, "a line cannot be read");
            throw StorageErrors.Failure($"The usage records of project '{projectId}' are damaged: a line cannot be read.", ex);
        }
    }

    private string FileOf(string projectId) => Path.Combine(_root, FolderName.FromId(projectId) + Extension);

    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            UsageLog.Failed(_logger, ex, operation);
            throw StorageErrors.Failure($"The usage store could not {operation} usage records: its storage failed.", ex);
        }
    }
}
