using AppBuilder.Storage.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.FileSystem;

/// <summary>
/// An <see cref="ISnapshotStore"/> on the local file system under <c>{Root}/snapshots</c>: content-addressed blobs per
/// project and numbered manifests written last (see <see cref="ContentAddressedSnapshotStore"/>).
/// </summary>
/// <remarks>Thread-safe, also across several instances over the same root in one process. Other processes writing
/// the same root are not coordinated with beyond never overwriting an existing manifest.</remarks>
internal sealed class FileSnapshotStore : ContentAddressedSnapshotStore
{
    public FileSnapshotStore(IOptions<FileStorageOptions> options, TimeProvider? timeProvider = null,
        ILogger<FileSnapshotStore>? logger = null)
        : this(CreateBackend(options), timeProvider, logger)
    {
    }

    /// <summary>Creates a store over <paramref name="backend"/>; tests wrap the real backend to inject failures.</summary>
    internal FileSnapshotStore(FileSnapshotBackend backend, TimeProvider? timeProvider, ILogger? logger,
        Func<ISnapshotBackend, ISnapshotBackend>? wrapBackend = null)
        : base(wrapBackend?.Invoke(backend) ?? backend, "file-snapshots:" + backend.SnapshotsRoot,
            timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance)
    {
    }

    /// <summary>Returns the backend for a storage root.</summary>
    internal static FileSnapshotBackend CreateBackend(IOptions<FileStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FileSnapshotBackend(Path.Combine(Path.GetFullPath(options.Value.Root), "snapshots"));
    }
}
