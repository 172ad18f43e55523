using System.Text.Json;
using AppBuilder.Internal;
using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.FileSystem;

internal sealed partial class FileProjectStore
{
    private const string SessionFileName = "session.json";
    private const string MessagesFileName = "messages.jsonl";

    public Task CreateSessionAsync(ChatSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var projectId = StorageId.Validate(session.ProjectId, nameof(session));
        var sessionId = StorageId.Validate(session.Id, nameof(session));
        ArgumentNullException.ThrowIfNull(session.Title, nameof(session));
        return WithProjectLockAsync(projectId, "create a session in", async () =>
        {
            EnsureProjectExists(projectId);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(session, StorageJsonContext.Default.ChatSessionRecord);
            if (!await AtomicFile.TryCreateAsync(SessionFile(projectId, sessionId), bytes, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Project '{projectId}' already has a session with id '{sessionId}'.");
            }

            return true;
        }, cancellationToken);
    }

    public Task<ChatSessionRecord?> GetSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        return GuardAsync(projectId, "read a session of", () => ReadSessionAsync(projectId, sessionId, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ChatSessionRecord>> ListSessionsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        return GuardAsync(projectId, "list the sessions of", async () =>
        {
            var folder = Path.Combine(ProjectFolder(projectId), SessionsFolderName);
            if (!Directory.Exists(folder))
            {
                return (IReadOnlyList<ChatSessionRecord>)[];
            }

            var sessions = new List<ChatSessionRecord>();
            foreach (var sessionFolder in Directory.EnumerateDirectories(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sessionId = FolderName.ToId(Path.GetFileName(sessionFolder));
                var session = sessionId is null ? null : await ReadSessionAsync(projectId, sessionId, cancellationToken).ConfigureAwait(false);
                if (session is not null)
                {
                    sessions.Add(session);
                }
            }

            return sessions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        }, cancellationToken);
    }

    private void EnsureProjectExists(string projectId)
    {
        if (!File.Exists(ProjectFile(projectId)))
        {
            throw new KeyNotFoundException($"Project '{projectId}' does not exist.");
        }
    }

    private void EnsureSessionExists(string projectId, string sessionId)
    {
        if (!File.Exists(SessionFile(projectId, sessionId)))
        {
            throw new KeyNotFoundException(
                $"Session '{sessionId}' of project '{projectId}' does not exist; create it with CreateSessionAsync first.");
        }
    }

    private string SessionFolder(string projectId, string sessionId) =>
        Path.Combine(ProjectFolder(projectId), SessionsFolderName, FolderName.FromId(sessionId));

    private string SessionFile(string projectId, string sessionId) =>
        Path.Combine(SessionFolder(projectId, sessionId), SessionFileName);

    private string MessagesFile(string projectId, string sessionId) =>
        Path.Combine(SessionFolder(projectId, sessionId), MessagesFileName);

    private async Task<ChatSessionRecord?> ReadSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken)
    {
        var bytes = await TryReadAsync(SessionFile(projectId, sessionId), cancellationToken).ConfigureAwait(false);
        return bytes is null
            ? null
            : Deserialize(bytes, StorageJsonContext.Default.ChatSessionRecord, projectId, $"the record of session '{sessionId}'");
    }
}
