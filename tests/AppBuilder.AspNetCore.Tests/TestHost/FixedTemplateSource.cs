using AppBuilder.Sandboxes;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A template catalogue naming the shipped template; the fake workspace manager never materialises it.</summary>
internal sealed class FixedTemplateSource : ITemplateSource
{
    public IReadOnlyList<string> List() => ["react-vite-tailwind"];

    public Task<IReadOnlyList<TemplateFile>?> GetFilesAsync(string template, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TemplateFile>?>(null);
}
