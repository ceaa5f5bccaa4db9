using System.IO.Compression;

namespace Asclepius.TextMining.Cli.Quickstart;

/// <summary>
/// Rewrites a zip held in memory with every entry dated <see cref="Fixed"/>, same names, order and
/// contents. ML.NET stamps its model zip with the wall clock, so without this two identical trainings
/// give packages that differ only in those dates, and the committed default model could not be checked
/// by rebuilding it.
/// </summary>
public static class ZipTimestamps
{
    /// <summary>The date the package builder gives its own entries.</summary>
    public static readonly DateTimeOffset Fixed = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var rewritten = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = rewritten.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = Fixed;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }
}
