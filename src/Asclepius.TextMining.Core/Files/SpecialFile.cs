using System.Runtime.InteropServices;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Files;

/// <summary>
/// Whether a path names a pipe, a device or a socket instead of a regular file or a folder (links followed).
/// Opening a pipe with no writer blocks forever, and a device such as /dev/zero never ends, so every reader
/// of notes, corpora and model packages refuses such a path before opening it (ATM111), and a folder walk
/// reports it and goes on. Linux: st_mode from glibc's stat (offset 24 in struct stat on x86-64, 16 on
/// arm64); elsewhere, or when the call is unavailable, nothing is refused (it cannot be told).
/// </summary>
public static class SpecialFile
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint Regular = 0x8000;  // S_IFREG
    private const uint Folder = 0x4000;   // S_IFDIR

    /// <summary>True when <paramref name="path"/> exists and is neither a regular file nor a folder.</summary>
    public static bool Is(string path)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (modeOffset < 0) return false;
        var buffer = new byte[256]; // struct stat is 144 bytes on x86-64, 128 on arm64
        try
        {
            if (Stat(path, buffer) != 0) return false;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        var type = BitConverter.ToUInt32(buffer, modeOffset) & TypeMask;
        return type != Regular && type != Folder;
    }

    /// <summary>The reason given for a refused path, for callers that report instead of throwing.</summary>
    public const string Reason = "not a regular file (a pipe, a device or a socket): not read, since reading it may never end";

    /// <summary>Throws <see cref="ErrorCodes.UnreadableInput"/> when <paramref name="path"/> is a pipe, device or socket.</summary>
    public static void Refuse(string path)
    {
        if (Is(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, Reason, path);
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
