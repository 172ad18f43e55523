using AppBuilder.Sandboxes;

namespace AppBuilder.Testing.Conformance;

public abstract partial class SandboxProviderCoreConformanceTests
{
    /// <summary>Paths every operation must refuse.</summary>
    protected static IReadOnlyList<string> HostilePaths { get; } =
    [
        "../outside.txt",
        "a/../../outside.txt",
        "..\\outside.txt",
        "/etc/passwd",
        "/tmp/outside.txt",
        "~/outside.txt",
        "C:/Windows/win.ini",
        "a\0b.txt",
        "a/\u0001.txt",
        "",
    ];

    [ConformanceFact]
    public async Task EveryOperation_HostilePath_ThrowsSandboxPathExceptionAndTouchesNothing()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("keep.txt", "keep", Timeout);
        var before = await SnapshotAsync(sandbox);

        foreach (var path in HostilePaths)
        {
            await ExpectRefusedAsync(path, "read", () => sandbox.Files.ReadAsync(path, Timeout));
            await ExpectRefusedAsync(path, "write", () => sandbox.Files.WriteTextAsync(path, "evil", Timeout));
            await ExpectRefusedAsync(path, "remove", () => sandbox.Files.RemoveAsync(path, Timeout));
            await ExpectRefusedAsync(path, "move from", () => sandbox.Files.MoveAsync(path, "stolen.txt", true, Timeout));
            await ExpectRefusedAsync(path, "move to", () => sandbox.Files.MoveAsync("keep.txt", path, true, Timeout));
            if (path.Length > 0)
            {
                await ExpectRefusedAsync(path, "entry", () => sandbox.Files.GetEntryAsync(path, Timeout));
                await ExpectRefusedAsync(path, "list", () => sandbox.Files.ListAsync(path, cancellationToken: Timeout));
                await ExpectRefusedAsync(path, "working folder",
                    () => sandbox.Processes.RunAsync(new ProcessSpec { Command = ["true"], WorkingDirectory = path }, Timeout));
            }
        }

        (await SnapshotAsync(sandbox)).Should().Equal(before);
    }

    [ConformanceFact]
    public async Task EveryOperation_SymbolicLinkLeadingOutside_ThrowsAndTouchesNothingOutside()
    {
        var sandbox = await CreateSandboxAsync();
        var outside = await CreateOutsideFolderAsync(sandbox);
        await CreateSymbolicLinkAsync(sandbox, "evil", outside);
        await CreateSymbolicLinkAsync(sandbox, "evil-file", outside + "/secret.txt");
        await sandbox.Files.WriteTextAsync("keep.txt", "keep", Timeout);

        await ExpectRefusedAsync("evil/secret.txt", "read", () => sandbox.Files.ReadAsync("evil/secret.txt", Timeout));
        await ExpectRefusedAsync("evil-file", "read", () => sandbox.Files.ReadAsync("evil-file", Timeout));
        await ExpectRefusedAsync("evil/planted.txt", "write", () => sandbox.Files.WriteTextAsync("evil/planted.txt", "x", Timeout));
        await ExpectRefusedAsync("evil-file", "write", () => sandbox.Files.WriteTextAsync("evil-file", "overwritten", Timeout));
        await ExpectRefusedAsync("evil", "list", () => sandbox.Files.ListAsync("evil", cancellationToken: Timeout));
        await ExpectRefusedAsync("evil/secret.txt", "entry", () => sandbox.Files.GetEntryAsync("evil/secret.txt", Timeout));
        await ExpectRefusedAsync("evil/secret.txt", "remove", () => sandbox.Files.RemoveAsync("evil/secret.txt", Timeout));
        await ExpectRefusedAsync("evil", "remove", () => sandbox.Files.RemoveAsync("evil", Timeout));
        await ExpectRefusedAsync("evil/secret.txt", "move from", () => sandbox.Files.MoveAsync("evil/secret.txt", "stolen.txt", true, Timeout));
        await ExpectRefusedAsync("evil/keep.txt", "move to", () => sandbox.Files.MoveAsync("keep.txt", "evil/keep.txt", true, Timeout));
        await ExpectRefusedAsync("evil", "working folder",
            () => sandbox.Processes.RunAsync(new ProcessSpec { Command = ["true"], WorkingDirectory = "evil" }, Timeout));

        (await OutsideFileExistsAsync(sandbox, outside, "secret.txt")).Should().BeTrue("nothing outside may be removed or moved");
        (await OutsideFileExistsAsync(sandbox, outside, "planted.txt")).Should().BeFalse("nothing may be written outside");
        (await OutsideFileExistsAsync(sandbox, outside, "keep.txt")).Should().BeFalse("nothing may be moved outside");
        (await sandbox.Files.ReadTextAsync("keep.txt", Timeout)).Should().Be("keep");
        (await sandbox.Files.ExistsAsync("stolen.txt", Timeout)).Should().BeFalse();
        var listed = await sandbox.Files.ListAsync("", recursive: true, cancellationToken: Timeout);
        listed.Select(e => e.Path).Should().NotContain(p => p.StartsWith("evil/", StringComparison.Ordinal), "listing must not descend through links");
    }

    [ConformanceFact]
    public async Task SymbolicLink_InsideProject_IsFollowed()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("real/file.txt", "inside", Timeout);
        await CreateSymbolicLinkAsync(sandbox, "alias", "real");

        (await sandbox.Files.ReadTextAsync("alias/file.txt", Timeout)).Should().Be("inside");
    }

    private static async Task ExpectRefusedAsync(string path, string operation, Func<Task> act)
    {
        var printable = path.Replace("\0", "\\0", StringComparison.Ordinal);
        try
        {
            await act();
        }
        catch (SandboxPathException)
        {
            return;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{operation} '{printable}' threw {e.GetType().Name} ({e.Message}) instead of SandboxPathException.");
        }

        throw new Xunit.Sdk.XunitException($"{operation} '{printable}' was allowed; it must throw SandboxPathException.");
    }

    private async Task<List<string>> SnapshotAsync(ISandbox sandbox)
    {
        var entries = await sandbox.Files.ListAsync("", recursive: true, cancellationToken: Timeout);
        var result = new List<string>();
        foreach (var entry in entries)
        {
            result.Add(entry.IsDirectory ? entry.Path + "/" : entry.Path + "=" + await sandbox.Files.ReadTextAsync(entry.Path, Timeout));
        }

        return result;
    }
}
