using AppBuilder.Sandboxes.Local;

namespace AppBuilder.Sandboxes.Tests.Local;

public sealed class LocalSandboxFileSystemTests
{
    [Fact]
    public async Task Write_UnderAFile_ThrowsIOExceptionWithoutHostPath()
    {
        using var folder = new TestFolder("appbuilder-fs-");
        await using var provider = LocalProviders.Create(folder.Combine("work"), bubblewrap: false);
        var sandbox = (LocalSandbox)await provider.CreateAsync(new SandboxCreateOptions { ProjectId = "fs1" });
        await sandbox.Files.WriteTextAsync("src/App.tsx", "export default function App() {}");

        var write = () => sandbox.Files.WriteTextAsync("src/App.tsx/extra.ts", "x");
        var move = () => sandbox.Files.MoveAsync("src/App.tsx", "src/App.tsx/inner.tsx");

        var written = (await write.Should().ThrowAsync<IOException>()).Which;
        var moved = (await move.Should().ThrowAsync<IOException>()).Which;
        written.Message.Should().NotContain(folder.Path).And.NotContain(sandbox.Directory);
        written.Message.Should().Contain("src/App.tsx");
        moved.Message.Should().NotContain(folder.Path).And.NotContain(sandbox.Directory);
        (await sandbox.Files.ReadTextAsync("src/App.tsx")).Should().Be("export default function App() {}");
    }
}
