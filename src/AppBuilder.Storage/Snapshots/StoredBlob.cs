namespace AppBuilder.Storage.Snapshots;

/// <summary>A blob as listed by <see cref="ISnapshotBackend.ListBlobsAsync"/>.</summary>
/// <param name="Hash">Its name, the SHA-256 of its content.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="LastWritten">When it was last written (a persist that finds it stored but unreferenced writes it again).</param>
internal sealed record StoredBlob(string Hash, long Size, DateTimeOffset LastWritten);
