using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class AdeFormatTests
{
    // Sentence "Aspirin and aspirin-like drugs caused rash; aspirin was stopped." sits at document offset 100.
    private const string Sentence = "Aspirin and aspirin-like drugs caused rash; aspirin was stopped.";

    private static string Folder(TempFolder dir)
    {
        dir.Write("DRUG-AE.rel",
            $"7|{Sentence}|rash|138|142|aspirin|112|119\n" +   // "aspirin" occurs at 12 and 44: the shift from "rash" (unique) picks 12
            $"7|{Sentence}|rash|138|142|aspirin|112|119\n" +   // repeated line
            "8|Heparin-induced thrombocytopenia.|thrombocytopenia|16|32|Heparin|0|7\n");
        dir.Write("DRUG-DOSE.rel", $"7|{Sentence}|aspirin-like|112|124|Aspirin|100|107\n");
        dir.Write("ADE-NEG.txt", "9 NEG Nothing happened.\n9 NEG Nothing happened.\n");
        return dir.Path;
    }

    [Fact]
    public void Folder_read_groups_sentences_locates_mentions_by_the_shared_shift_and_dedupes()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new AdeFormat().Read(Folder(dir), ReadOptions.Strict, report).ToList();
        docs.Select(d => d.Id).Should().Equal("7-1", "8-1", "9-1");
        var d = docs[0];
        d.Text.Should().Be(Sentence);
        d.Document.Meta[AdeFormat.OffsetKey].Should().Be("100");
        d.Entities.Select(e => $"{e.Label}:{e.Span.Start}:{d.TextOf(e)}").Should().Equal(
            "Drug:0:Aspirin", "Drug:12:aspirin", "Dosage:12:aspirin-like", "AdverseEffect:38:rash");
        d.Relations.Select(r => $"{r.Label}:{d.TextOf(d.FindEntity(r.HeadId)!)}->{d.TextOf(d.FindEntity(r.TailId)!)}").Should().Equal(
            "AdverseEffect:aspirin->rash", "DosageOf:aspirin-like->Aspirin");
        docs[2].Entities.Should().BeEmpty();
        docs[2].Document.Meta["negative"].Should().Be("true");
        report.Notes.Should().Contain(new KeyValuePair<string, int>("ade: repeated relation line (kept once)", 1));
        report.Notes.Should().Contain(new KeyValuePair<string, int>("ade: repeated ADE-NEG sentence (kept once)", 1));
    }

    [Fact]
    public void Write_gives_back_document_offsets_and_reads_back_the_same()
    {
        using var dir = new TempFolder();
        var docs = new AdeFormat().Read(Folder(dir), ReadOptions.Strict, new ReadReport()).ToList();
        var outDir = Path.Combine(dir.Path, "out");
        new AdeFormat().Write(docs, outDir);
        File.ReadAllLines(Path.Combine(outDir, AdeFormat.AeFile)).Should().Equal(
            $"7|{Sentence}|rash|138|142|aspirin|112|119",
            "8|Heparin-induced thrombocytopenia.|thrombocytopenia|16|32|Heparin|0|7");
        File.ReadAllLines(Path.Combine(outDir, AdeFormat.DoseFile)).Should().Equal($"7|{Sentence}|aspirin-like|112|124|Aspirin|100|107");
        File.ReadAllLines(Path.Combine(outDir, AdeFormat.NegFile)).Should().Equal("9 NEG Nothing happened.");
        var back = new AdeFormat().Read(outDir, ReadOptions.Strict, new ReadReport()).ToList();
        Canon.Of(back).Should().Equal(Canon.Of(docs));
    }

    [Fact]
    public void A_single_rel_file_can_be_read_alone()
    {
        using var dir = new TempFolder();
        Folder(dir);
        var docs = new AdeFormat().Read(dir.File("DRUG-DOSE.rel"), ReadOptions.Strict, new ReadReport()).ToList();
        docs.Should().ContainSingle().Which.Relations.Single().Label.Should().Be(AdeFormat.DosageRelation);
    }

    [Fact]
    public void A_rel_path_is_written_as_one_file_of_its_kind()
    {
        using var dir = new TempFolder();
        var docs = new AdeFormat().Read(Folder(dir), ReadOptions.Strict, new ReadReport()).ToList();
        var report = new ReadReport();
        var path = dir.File("out.rel");
        new AdeFormat().Write(docs, path, report);
        File.ReadAllLines(path).Should().HaveCount(2).And.OnlyContain(l => !l.Contains("aspirin-like|"));
        report.Notes.Should().ContainSingle();
        var dose = dir.File("my-DRUG-DOSE.rel");
        new AdeFormat().Write(docs, dose, new ReadReport());
        File.ReadAllLines(dose).Should().Equal($"7|{Sentence}|aspirin-like|112|124|Aspirin|100|107");
    }
}
