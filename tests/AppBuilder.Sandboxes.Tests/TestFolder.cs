namespace AppBuilder.Sandboxes.Tests;

/// <summary>A temporary folder under <see cref="Path.GetTempPath"/>, deleted on dispose.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder(string prefix = "appbuilder-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Join([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
