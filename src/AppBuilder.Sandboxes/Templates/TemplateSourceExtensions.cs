namespace AppBuilder.Sandboxes;

/// <summary>Writes templates into sandboxes and folders.</summary>
public static class TemplateSourceExtensions
{
    /// <summary>Writes every file of <paramref name="template"/> into <paramref name="sandbox"/>.</summary>
    /// <exception cref="KeyNotFoundException">The source has no such template.</exception>
    public static async Task MaterializeAsync(this ITemplateSource source, string template, ISandbox sandbox,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sandbox);
        var files = await GetRequiredFilesAsync(source, template, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            await sandbox.Files.WriteAsync(file.Path, file.Content, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every file of <paramref name="template"/> under a host folder (created when missing).</summary>
    /// <exception cref="KeyNotFoundException">The source has no such template.</exception>
    public static async Task MaterializeToDirectoryAsync(this ITemplateSource source, string template, string directory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var files = await GetRequiredFilesAsync(source, template, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            var path = Path.Join(directory, SandboxPath.Normalize(file.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns a template's files or throws when it does not exist.</summary>
    /// <exception cref="KeyNotFoundException">The source has no such template.</exception>
    public static async Task<IReadOnlyList<TemplateFile>> GetRequiredFilesAsync(this ITemplateSource source, string template,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(template);
        return await source.GetFilesAsync(template, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"There is no template named '{template}'. Known templates: {string.Join(", ", source.List())}.");
    }
}
