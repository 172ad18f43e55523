namespace AppBuilder.Sandboxes.Templates;

/// <summary>Serves the templates embedded in this assembly (resources named <c>Templates/&lt;template&gt;/&lt;path&gt;</c>).</summary>
/// <remarks>Thread-safe; files are read once and cached.</remarks>
internal sealed class EmbeddedTemplateSource : ITemplateSource
{
    private const string Prefix = "Templates/";
    private readonly Lazy<Dictionary<string, IReadOnlyList<TemplateFile>>> _templates = new(Load);

    /// <inheritdoc />
    public IReadOnlyList<string> List() => _templates.Value.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc />
    public Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Task.FromResult(_templates.Value.TryGetValue(template, out var files) ? files : null);
    }

    private static Dictionary<string, IReadOnlyList<TemplateFile>> Load()
    {
        var assembly = typeof(EmbeddedTemplateSource).Assembly;
        var templates = new Dictionary<string, List<TemplateFile>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = normalized[Prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            var template = rest[..slash];
            var path = SandboxPath.Normalize(rest[(slash + 1)..]);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (!templates.TryGetValue(template, out var files))
            {
                templates[template] = files = [];
            }

            files.Add(new TemplateFile(path, buffer.ToArray()));
        }

        return templates.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<TemplateFile>)pair.Value.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }
}
