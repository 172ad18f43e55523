using System.Text;
using AppBuilder.Storage;

namespace AppBuilder.Bench.Persist;

/// <summary>
/// A deterministic project of a given size shaped like a grown web app: mostly small source files (components, hooks,
/// styles, tests; 0.3–8 KB of text), some larger ones (generated code, lock-file-like JSON; 10–80 KB) and a few binary
/// assets (images, fonts; 50 KB–1 MB of incompressible bytes).
/// </summary>
internal static class GeneratedProject
{
    public static List<SnapshotFile> Create(int fileCount, int seed = 2000)
    {
        var random = new Random(seed);
        var files = new List<SnapshotFile>(fileCount);
        var assets = Math.Max(1, fileCount / 100);     // 1%: images, fonts
        var large = Math.Max(1, fileCount * 6 / 100);  // 6%: generated code, JSON
        for (var i = 0; i < fileCount; i++)
        {
            if (i < assets)
            {
                var bytes = new byte[random.Next(50_000, 1_000_000)];
                random.NextBytes(bytes);
                files.Add(new SnapshotFile($"public/assets/asset{i:0000}.{(i % 2 == 0 ? "png" : "woff2")}", bytes));
            }
            else if (i < assets + large)
            {
                files.Add(new SnapshotFile($"src/generated/module{i:0000}.json", Text(random, random.Next(10_000, 80_000))));
            }
            else
            {
                var folder = $"src/features/f{i % 60:00}/{(i % 3 == 0 ? "components" : i % 3 == 1 ? "hooks" : "styles")}";
                var extension = i % 3 == 2 ? "css" : i % 5 == 0 ? "test.tsx" : "tsx";
                files.Add(new SnapshotFile($"{folder}/file{i:0000}.{extension}", Text(random, random.Next(300, 8_000))));
            }
        }

        return files;
    }

    /// <summary>The project with one source file changed (its content gets a new line), as after a one-file edit.</summary>
    public static List<SnapshotFile> WithEdit(List<SnapshotFile> files, int edit)
    {
        var copy = new List<SnapshotFile>(files);
        var index = files.Count - 1 - (edit % (files.Count / 2));
        var file = files[index];
        copy[index] = new SnapshotFile(file.Path, (byte[])[.. file.Content.ToArray(), .. Encoding.UTF8.GetBytes($"\n// edit {edit}\n")]);
        return copy;
    }

    private static byte[] Text(Random random, int length)
    {
        string[] words = ["const", "export", "function", "return", "import", "from", "props", "useState", "className", "div", "=>", "{", "}", "(", ")", ";", "value", "items", "map", "await"];
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            builder.Append(words[random.Next(words.Length)]).Append(random.Next(12) == 0 ? '\n' : ' ');
        }

        return Encoding.UTF8.GetBytes(builder.ToString(0, length));
    }
}
