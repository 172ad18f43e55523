using System.Runtime.InteropServices;

namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>The few POSIX calls the BCL lacks: hard links and ownership.</summary>
internal static partial class NativeFileSystem
{
    /// <summary>errno: cross-device link.</summary>
    public const int CrossDevice = 18;

    /// <summary>The uid/gid of <c>nobody</c>, owner of sealed cache files.</summary>
    public const int Nobody = 65534;

    /// <summary>Creates a hard link; returns 0 or the errno.</summary>
    public static int TryLink(string existing, string link)
    {
        if (OperatingSystem.IsWindows())
        {
            return -1;
        }

        return Link(existing, link) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Changes a file's owner without following links; returns 0 or the errno.</summary>
    public static int TryChangeOwner(string path, int uid, int gid)
    {
        if (OperatingSystem.IsWindows())
        {
            return -1;
        }

        return LChown(path, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Whether this process runs as root.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string link);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
