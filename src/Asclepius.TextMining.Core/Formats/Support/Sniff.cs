using System.Text;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>Cheap looks at a path for format detection: extension, and the first lines (lossy decoding is fine here).</summary>
internal static class Sniff
{
    private const int Bytes = 64 * 1024;

    // A pipe or device is not sniffed: opening it may block forever (readers refuse it with ATM111).
    public static bool IsFile(string path) => File.Exists(path) && !Files.SpecialFile.Is(path);

    public static bool HasExtension(string path, params string[] extensions)
    {
        var ext = Path.GetExtension(path);
        foreach (var e in extensions) if (string.Equals(ext, e, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Up to <paramref name="count"/> non-blank lines from the start of a file; empty when unreadable.</summary>
    public static IReadOnlyList<string> FirstLines(string path, int count = 5)
    {
        try
        {
            using var s = File.OpenRead(path);
            var buf = new byte[Bytes];
            var n = s.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(buf, 0, n).TrimStart('\uFEFF');
            var lines = new List<string>();
            var parts = text.Split('\n');
            // The last piece may be cut off mid-line when the file is longer than the buffer.
            var usable = n == buf.Length ? parts.Length - 1 : parts.Length;
            for (var i = 0; i < usable && lines.Count < count; i++)
            {
                var l = parts[i].TrimEnd('\r');
                if (l.Trim().Length > 0) lines.Add(l);
            }
            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    public static string? FirstLine(string path)
    {
        var lines = FirstLines(path, 1);
        return lines.Count > 0 ? lines[0] : null;
    }

    public static bool FolderHas(string path, string pattern) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, pattern, SearchOption.TopDirectoryOnly).Any();
}
