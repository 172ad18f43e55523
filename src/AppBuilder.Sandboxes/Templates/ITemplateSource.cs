namespace AppBuilder.Sandboxes;

/// <summary>Lists project templates and returns their files, ready to be written into a new sandbox.</summary>
/// <remarks>Implementations are singletons and must be thread-safe. The package registers one that serves the
/// templates shipped inside it (<see cref="TemplateNames.ReactViteTailwind"/>); hosts may register their own.</remarks>
public interface ITemplateSource
{
    /// <summary>The names of the templates this source holds, sorted.</summary>
    IReadOnlyList<string> List();

    /// <summary>Returns a template's files, or <see langword="null"/> when there is no template with that name.</summary>
    Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default);
}
