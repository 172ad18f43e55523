namespace AppBuilder.Sandboxes;

/// <summary>
/// A sandbox's project files. Every path is relative to the project root and passes through
/// <see cref="SandboxPath.Normalize"/>; a path that would leave the root (including through a symbolic link)
/// throws <see cref="SandboxPathException"/> and touches nothing.
/// </summary>
/// <remarks>Members are thread-safe.</remarks>
public interface ISandboxFileSystem
{
    /// <summary>Reads a whole file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Writes a whole file, creating missing parent folders and replacing any previous content.</summary>
    Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Returns the entry at <paramref name="path"/>, or <see langword="null"/> when nothing is there.</summary>
    Task<SandboxFileEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Lists a folder's entries (all descendants when <paramref name="recursive"/>), sorted by path.</summary>
    /// <param name="path">The folder; the empty string is the project root.</param>
    /// <param name="recursive">Whether to descend into sub-folders.</param>
    /// <param name="exclude">Folder names not to descend into, such as <c>node_modules</c>; matched by segment name.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    Task<IReadOnlyList<SandboxFileEntry>> ListAsync(string path = "", bool recursive = false,
        IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a file, or a folder with everything in it. Removing nothing returns <see langword="false"/>.</summary>
    Task<bool> RemoveAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Moves or renames a file or folder.</summary>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false.</exception>
    Task MoveAsync(string sourcePath, string destinationPath, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams changes under the project root as they happen, whoever made them (a tool, a person in the editor,
    /// a process). Folders named in <paramref name="exclude"/> are not reported.
    /// </summary>
    IAsyncEnumerable<FileChange> WatchAsync(IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default);
}
