using System.IO.Compression;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Core.Tests.Packaging;

public sealed class ZipTimestampsTests
{
    private static byte[] Zip(DateTimeOffset stamp, params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var e = zip.CreateEntry(name);
                e.LastWriteTime = stamp;
                using var w = new StreamWriter(e.Open());
                w.Write(text);
            }
        }
        return ms.ToArray();
    }

    [Fact]
    public void Zips_that_differ_only_in_dates_normalize_to_the_same_bytes()
    {
        var a = Zip(new DateTimeOffset(2026, 11, 23, 15, 39, 0, TimeSpan.Zero), ("Model.key", "weights"), ("Schema", "s"));
        var b = Zip(new DateTimeOffset(2026, 11, 23, 15, 41, 0, TimeSpan.Zero), ("Model.key", "weights"), ("Schema", "s"));
        a.Should().NotEqual(b);

        ZipTimestamps.Normalize(a).Should().Equal(ZipTimestamps.Normalize(b));
    }

    [Fact]
    public void Normalizing_keeps_names_order_and_contents()
    {
        var normalized = ZipTimestamps.Normalize(Zip(DateTimeOffset.UtcNow, ("b/second", "2"), ("a/first", "1")));

        using var zip = new ZipArchive(new MemoryStream(normalized), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).Should().Equal("b/second", "a/first");
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.Year == ZipTimestamps.Fixed.Year);
        using var r = new StreamReader(zip.GetEntry("a/first")!.Open());
        r.ReadToEnd().Should().Be("1");
    }

    [Fact]
    public void Different_contents_stay_different()
    {
        var stamp = DateTimeOffset.UtcNow;
        ZipTimestamps.Normalize(Zip(stamp, ("Model.key", "weights")))
            .Should().NotEqual(ZipTimestamps.Normalize(Zip(stamp, ("Model.key", "other"))));
    }
}
