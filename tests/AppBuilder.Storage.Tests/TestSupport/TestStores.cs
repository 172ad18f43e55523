using AppBuilder.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Tests.TestSupport;

/// <summary>Creates file stores over a folder.</summary>
internal static class TestStores
{
    public static IOptions<FileStorageOptions> Options(string root) => Microsoft.Extensions.Options.Options.Create(new FileStorageOptions { Root = root });

    public static FileProjectStore Projects(string root) => new(Options(root));

    public static FileSnapshotStore Snapshots(string root) => new(Options(root));
}
