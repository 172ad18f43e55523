namespace AppBuilder.Sandboxes.Tests.Local;

/// <summary>A host folder outside every sandbox, holding <c>secret.txt</c>.</summary>
internal static class LocalOutside
{
    public static async Task<string> CreateAsync(TestFolder folder)
    {
        var path = folder.Combine("outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Join(path, "secret.txt"), "secret");
        return path;
    }
}
