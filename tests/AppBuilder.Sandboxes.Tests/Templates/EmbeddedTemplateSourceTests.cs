using System.Text;
using AppBuilder.Sandboxes.Templates;

namespace AppBuilder.Sandboxes.Tests.Templates;

public sealed class EmbeddedTemplateSourceTests
{
    private readonly EmbeddedTemplateSource _source = new();

    [Fact]
    public void List_ContainsReactViteTailwind()
    {
        _source.List().Should().Contain(TemplateNames.ReactViteTailwind);
    }

    [Fact]
    public async Task GetFiles_ReactViteTailwind_HasTheContractFiles()
    {
        var files = (await _source.GetFilesAsync(TemplateNames.ReactViteTailwind))!;

        files.Select(f => f.Path).Should().BeEquivalentTo(
            "index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json",
            "src/main.tsx", "src/App.tsx", "src/index.css");
        Text(files, "index.html").Should().Contain("<div id=\"root\">");
        Text(files, "vite.config.ts").Should().Contain("APPBUILDER_PREVIEW_BASE").And.Contain("APPBUILDER_HMR_CLIENT_PORT")
            .And.Contain("strictPort").And.Contain("cacheDir");
        Text(files, "src/index.css").Should().Contain("@import \"tailwindcss\";");
        Text(files, "src/main.tsx").Should().Contain("./index.css").And.Contain("<App />");
        Text(files, "package.json").Should().Contain("\"react\"").And.Contain("\"vite\"").And.Contain("@tailwindcss/vite");
        Text(files, "package-lock.json").Should().Contain("\"lockfileVersion\": 3");
    }

    [Fact]
    public async Task GetFiles_UnknownTemplate_ReturnsNull()
    {
        (await _source.GetFilesAsync("nope")).Should().BeNull();
        var act = () => _source.GetRequiredFilesAsync("nope");
        (await act.Should().ThrowAsync<KeyNotFoundException>()).Which.Message.Should().Contain(TemplateNames.ReactViteTailwind);
    }

    private static string Text(IReadOnlyList<TemplateFile> files, string path) =>
        Encoding.UTF8.GetString(files.Single(f => f.Path == path).Content.Span);
}
