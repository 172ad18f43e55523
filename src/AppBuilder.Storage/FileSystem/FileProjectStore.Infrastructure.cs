using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.FileSystem;

internal sealed partial class FileProjectStore
{
    private static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> typeInfo, string projectId, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new JsonException("The file holds null.");
        }
        catch (JsonException ex)
        {
            StorageLog.ProjectDataDamaged(_logger, ex, projectId, what + " cannot be read");
            throw StorageErrors.Failure($"The stored data of project '{projectId}' is damaged: {what} cannot be read.", ex);
        }
    }

    private async Task<T> WithProjectLockAsync<T>(string projectId, string operation, Func<Task<T>> action,
        CancellationToken cancellationToken)
    {
        using var held = await AsyncKeyedLock.Shared
            .AcquireAsync("projects:" + ProjectFolder(projectId), cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, operation, action, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GuardAsync<T>(string projectId, string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            StorageLog.ProjectStoreFailed(_logger, ex, operation, projectId);
            throw StorageErrors.Failure(
                $"The project store could not {operation} {(projectId == "*" ? "projects" : $"project '{projectId}'")}: " +
                "its storage failed.", ex);
        }
    }
}
