using System.Text;

namespace AppBuilder.Sandboxes;

/// <summary>Text helpers over <see cref="ISandboxFileSystem"/>.</summary>
public static class SandboxFileSystemExtensions
{
    /// <summary>Reads a file as UTF-8 text.</summary>
    public static async Task<string> ReadTextAsync(this ISandboxFileSystem files, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var bytes = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Writes a file as UTF-8 text (no byte-order mark).</summary>
    public static Task WriteTextAsync(this ISandboxFileSystem files, string path, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(content);
        return files.WriteAsync(path, Encoding.UTF8.GetBytes(content), cancellationToken);
    }

    /// <summary>Whether a file or folder exists at <paramref name="path"/>.</summary>
    public static async Task<bool> ExistsAsync(this ISandboxFileSystem files, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        return await files.GetEntryAsync(path, cancellationToken).ConfigureAwait(false) is not null;
    }
}
