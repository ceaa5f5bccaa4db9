using System.Runtime.InteropServices;

namespace Asclepius.TextMining.Pipeline.Files;

/// <summary>
/// What makes two paths the same file: the device and inode numbers (so a hard link or a symbolic link to
/// an input is recognised as that input), and the real path with every link resolved. Linux only for the
/// inode (glibc's stat; st_dev and st_ino are the first two 64-bit fields of struct stat on x86-64 and
/// arm64); elsewhere, or when the call is unavailable, the real path alone is compared.
/// </summary>
public static class FileIdentity
{
    /// <summary>(device, inode) of the file or folder a path names, links followed; null when it does not exist or cannot be asked.</summary>
    public static (ulong Device, ulong Inode)? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256]; // struct stat is 144 bytes on x86-64, 128 on arm64
        try
        {
            if (Stat(path, buffer) != 0) return null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    /// <summary>
    /// The full path with every symbolic link resolved, also for a path that does not exist yet (its
    /// deepest existing folder is resolved and the rest appended).
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0) full = Path.DirectorySeparatorChar.ToString();
        var rest = new Stack<string>();
        var existing = full;
        while (!File.Exists(existing) && !Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return full;
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
        var resolved = Resolve(existing) ?? existing;
        while (rest.Count > 0) resolved = Path.Combine(resolved, rest.Pop());
        return resolved;
    }

    /// <summary>A string equal for two paths exactly when they name the same file: "device:inode", else "path:" and the real path.</summary>
    public static string Key(string path) =>
        Of(path) is { } id ? $"{id.Device}:{id.Inode}" : "path:" + RealPath(path);

    /// <summary>True when two paths name the same existing file (same inode, or same real path).</summary>
    public static bool Same(string a, string b) => Key(a) == Key(b);

    private static string? Resolve(string existing)
    {
        if (OperatingSystem.IsWindows()) return Path.GetFullPath(existing);
        try
        {
            var p = RealPathNative(existing, IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try { return Marshal.PtrToStringUTF8(p); }
            finally { Free(p); }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
