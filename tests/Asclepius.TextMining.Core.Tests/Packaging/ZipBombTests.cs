using System.IO.Compression;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Core.Tests.Packaging;

/// <summary>A small package that inflates to far more than it weighs is refused while inflating, with a coded error (issue #14).</summary>
public sealed class ZipBombTests
{
    private static byte[] Bomb(long inflated)
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = archive.CreateEntry("components/ner/weights.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 16];
            for (long written = 0; written < inflated; written += zeros.Length) s.Write(zeros);
        }
        return zip.ToArray();
    }

    [Fact]
    public void A_package_inflating_past_the_limit_is_a_coded_error()
    {
        var bytes = Bomb(64L << 20); // 64 MiB of zeros in about 64 KB
        bytes.Length.Should().BeLessThan(1 << 20);
        var act = () => ModelPackage.Open(bytes, "bomb.zip", null, maxInflatedBytes: 16L << 20);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("inflates"));
    }

    [Fact]
    public void The_limit_counts_inflated_bytes_not_the_sizes_the_zip_declares()
    {
        var bytes = Bomb(8L << 20);
        // Corrupt the declared uncompressed sizes (local header at 22, central directory entry at 24) to 1 byte.
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(bytes.AsSpan(22, 4), 1).Should().BeTrue();
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), 1).Should().BeTrue();
        var act = () => ModelPackage.Open(bytes, "liar.zip", null, maxInflatedBytes: 4L << 20);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed);
    }
}
