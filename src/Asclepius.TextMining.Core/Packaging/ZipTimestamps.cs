using System.IO.Compression;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// Rewrites a zip held in memory with every entry dated <see cref="Fixed"/>, same names, order and
/// contents. ML.NET stamps its model zip with the wall clock, so without this two identical trainings
/// give packages that differ only in those dates (and the committed default model could not be checked
/// by rebuilding it). Components that embed an ML.NET zip pass it through here when they save it.
/// </summary>
public static class ZipTimestamps
{
    /// <summary>The date of every zip entry a package holds: the builder's own entries and embedded zips.</summary>
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
