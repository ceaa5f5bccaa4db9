using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;
using CsCheck;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// Property: every corpus reader turns any byte sequence into documents or a coded TextMiningException,
/// in strict and lenient mode, and never hangs. Inputs are (1) arbitrary bytes and (2) mutations of the
/// well-formed corpora of <see cref="MalformedInputTests"/> (random bytes alone rarely get past a
/// reader's first check; mutated real records reach offsets, relations and escapes).
/// Iteration counts are bounded so the whole class runs in a few seconds; CsCheck prints the seed of a
/// failure, and `CsCheck_Seed=...` replays it.
/// </summary>
public class ReaderFuzzProperties
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    // Bytes that matter to some reader: separators, quotes, escapes, digits, minus, NUL, invalid UTF-8,
    // a UTF-8-encoded lone surrogate (ED A0 80 is invalid UTF-8) and a BOM byte.
    private static readonly byte[] Interesting =
        "\t\n\r|\"\\{}[],:;-0123456789 TRAE#@$<>".Select(c => (byte)c).Concat(new byte[] { 0x00, 0xFF, 0xED, 0xA0, 0x80, 0xEF, 0xBB, 0xBF, 0xF0, 0x9F }).ToArray();

    // Strings spliced into a record: JSON escapes (a lone surrogate among them), huge and negative numbers, non-BMP text.
    private static readonly string[] Splices =
        ["\\ud800", "\\udc00x", "\\u0000", "99999999999", "2147483648", "-1", "1e400", "😀", "e\u0301", "\"", "\t\t\t", "\n\n", "|||", "null", "[]", "{}", "T1", "R1", "Arg1:T1", "-DOCSTART-"];

    private static readonly IReadOnlyList<MalformedInputTests.Case> Seeds = MalformedInputTests.Cases.Values.ToList();

    private static readonly string[] FileFormats =
        [JsonlFormat.FormatName, PubTatorFormat.FormatName, ConllFormat.FormatName, CsvFormat.FormatName, AdeFormat.FormatName,
         BioBertTsvFormat.FormatName, ChemProtFormat.FormatName, NegExFormat.FormatName];

    [Fact]
    public void Every_reader_survives_arbitrary_bytes()
    {
        using var dir = new TempFolder();
        var gen = Gen.Select(Gen.Int[0, FileFormats.Length + 1], Gen.Byte.Array[0, 400], Gen.Byte.Array[0, 200]);
        gen.Sample((f, bytes, more) =>
        {
            var run = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(run);
            if (f < FileFormats.Length)
            {
                File.WriteAllBytes(Path.Combine(run, "in.dat"), bytes);
                ReadSurvives(FileFormats[f], Path.Combine(run, "in.dat"));
            }
            else if (f == FileFormats.Length)
            {
                // BRAT: a .txt and its .ann, both arbitrary.
                File.WriteAllBytes(Path.Combine(run, "a.txt"), bytes);
                File.WriteAllBytes(Path.Combine(run, "a.ann"), more);
                ReadSurvives(BratFormat.FormatName, run);
            }
            else
            {
                File.WriteAllBytes(Path.Combine(run, "a.txt"), bytes);
                ReadSurvives(TxtFormat.FormatName, run);
            }
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Every_reader_survives_mutated_records()
    {
        using var dir = new TempFolder();
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);
        var gen = Gen.Select(Gen.Int[0, Seeds.Count - 1], Gen.Int[0, int.MaxValue], mutation.Array[1, 6]);
        gen.Sample((seedIndex, fileChoice, mutations) =>
        {
            var seed = Seeds[seedIndex];
            var run = Path.Combine(dir.Path, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(run);
            var target = fileChoice % seed.Files.Length;
            for (var i = 0; i < seed.Files.Length; i++)
            {
                var bytes = TempFolder.Encode(seed.Files[i].Content);
                if (i == target) bytes = Mutate(bytes, mutations);
                File.WriteAllBytes(Path.Combine(run, seed.Files[i].Name), bytes);
            }
            ReadSurvives(seed.Format, seed.Target.Length == 0 ? run : Path.Combine(run, seed.Target), seed.Options);
        }, iter: 700, threads: 1);
    }

    private static byte[] Mutate(byte[] original, (int Op, int Where, int What)[] mutations)
    {
        var bytes = original.ToList();
        foreach (var (op, where, what) in mutations)
        {
            var at = bytes.Count == 0 ? 0 : where % (bytes.Count + 1);
            switch (op)
            {
                case 0 when at < bytes.Count: bytes[at] = Interesting[what % Interesting.Length]; break;
                case 1: bytes.Insert(at, Interesting[what % Interesting.Length]); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Splices[what % Splices.Length])); break;
                case 3 when at < bytes.Count: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + what % 8)); break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Reads strictly and leniently; anything but a TextMiningException, or a read over the limit, fails.</summary>
    private static void ReadSurvives(string format, string path, ReadOptions? options = null)
    {
        foreach (var lenient in new[] { false, true })
        {
            var opts = (options ?? ReadOptions.Strict) with { Lenient = lenient };
            var read = Task.Run(() =>
            {
                try { CorpusFormats.Get(format).Read(path, opts, new ReadReport()).ToList(); }
                catch (TextMiningException) { }
            });
            if (!read.Wait(Limit))
                throw new TimeoutException($"{format} reader ran past {Limit.TotalSeconds} s (lenient: {lenient})");
        }
    }
}
