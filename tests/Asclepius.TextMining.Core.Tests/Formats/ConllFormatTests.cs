using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class ConllFormatTests
{
    [Fact]
    public void Reader_joins_tokens_by_spaces_and_sentences_by_newlines()
    {
        using var dir = new TempFolder();
        var path = dir.Write("bc.tsv", "22\tB-Chemical\n-\tI-Chemical\noxacalcitriol\tI-Chemical\nsuppresses\tO\nrenal\tB-Disease\nfailure\tI-Disease\n.\tO\n\nCalcitriol\tB-Chemical\nworks\tO\n");
        var doc = new ConllFormat().Read(path, ReadOptions.Strict, new ReadReport()).Should().ContainSingle().Which;
        doc.Id.Should().Be("bc");
        doc.Text.Should().Be("22 - oxacalcitriol suppresses renal failure .\nCalcitriol works");
        doc.Entities.Select(e => $"{e.Label}:{doc.TextOf(e)}").Should().Equal("Chemical:22 - oxacalcitriol", "Disease:renal failure", "Chemical:Calcitriol");
    }

    [Fact]
    public void Docstart_separates_documents_and_extra_columns_are_ignored()
    {
        using var dir = new TempFolder();
        var path = dir.Write("c.conll", "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\n");
        var docs = new ConllFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();
        docs.Select(d => d.Id).Should().Equal("c-1", "c-2");
        docs[0].Entities.Single().Label.Should().Be("ORG");
        docs[1].Text.Should().Be("Peter");
    }

    [Fact]
    public void A_docstart_with_no_token_is_an_empty_document_so_none_is_lost_or_renumbered()
    {
        using var dir = new TempFolder();
        var path = dir.File("out.conll");
        var written = new[] { Docs.Annotated("a", "Aspirin helps.", ("Aspirin", "Chemical")), Docs.Annotated("b", " \n "), Docs.Annotated("c", "Heparin.", ("Heparin", "Chemical")), Docs.Annotated("d", "") };
        new ConllFormat().Write(written, path);

        var docs = new ConllFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();

        docs.Select(d => d.Id).Should().Equal("out-1", "out-2", "out-3", "out-4");
        docs.Select(d => d.Text).Should().Equal("Aspirin helps .", "", "Heparin .", "");
        docs[2].Entities.Select(e => docs[2].TextOf(e)).Should().Equal("Heparin");
    }

    [Fact]
    public void A_file_of_one_bare_docstart_is_one_empty_document()
    {
        using var dir = new TempFolder();
        var docs = new ConllFormat().Read(dir.Write("e.conll", "-DOCSTART-\tO\n\n"), ReadOptions.Strict, new ReadReport()).ToList();
        docs.Should().ContainSingle().Which.Text.Should().BeEmpty();
    }

    [Fact]
    public void A_document_whose_every_sentence_is_bad_is_reported_not_read_as_empty()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new ConllFormat().Read(dir.Write("x.conll", "-DOCSTART-\tO\n\nonecolumn\n\n-DOCSTART-\tO\n\nHeparin\tB-Chemical\n"), new ReadOptions { Lenient = true }, report).ToList();
        docs.Select(d => d.Text).Should().Equal("Heparin");
        report.Problems.Should().ContainSingle().Which.Code.Should().Be(ErrorCodes.MissingColumn);
    }

    [Fact]
    public void I_tag_after_O_starts_an_entity_as_conlleval_does_and_is_counted()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var doc = new ConllFormat().Read(dir.Write("x.conll", "a\tO\nb\tI-Drug\nc\tI-Drug\nd\tI-Dose\n"), ReadOptions.Strict, report).Single();
        doc.Entities.Select(e => $"{e.Label}:{doc.TextOf(e)}").Should().Equal("Drug:b c", "Dose:d");
        report.Notes.Values.Sum().Should().Be(2);
    }

    [Fact]
    public void Bilou_and_bioes_tags_are_read()
    {
        using var dir = new TempFolder();
        var doc = new ConllFormat().Read(dir.Write("x.conll", "a\tU-Drug\nb\tB-Drug\nc\tL-Drug\nd\tS-Dose\ne\tB-Dose\nf\tE-Dose\n"), ReadOptions.Strict, new ReadReport()).Single();
        doc.Entities.Select(e => doc.TextOf(e)).Should().Equal("a", "b c", "d", "e f");
    }

    [Fact]
    public void Writer_tokenizes_tags_and_round_trips_entity_texts()
    {
        using var dir = new TempFolder();
        var docs = new[]
        {
            Docs.Annotated("n1", "Pt given metoprolol 25mg b.i.d. for HTN.\nDenies chest pain.", ("metoprolol", "Drug"), ("25mg", "Dose"), ("HTN", "Problem"), ("chest pain", "Problem")),
            Docs.Annotated("n2", "No entities here."),
        };
        var path = dir.File("out.conll");
        new ConllFormat().Write(docs, path);
        var lines = File.ReadAllLines(path);
        lines.Should().Contain("metoprolol\tB-Drug").And.Contain("25\tB-Dose").And.Contain("mg\tI-Dose").And.Contain("chest\tB-Problem").And.Contain("pain\tI-Problem");
        lines.Count(l => l == "-DOCSTART-\tO").Should().Be(2);

        var back = new ConllFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();
        back.Should().HaveCount(2);
        back[0].Entities.Select(e => back[0].TextOf(e).Replace(" ", "")).Should().Equal("metoprolol", "25mg", "HTN", "chestpain");
        back[0].Text.Should().Contain("\n"); // sentence boundaries kept as line breaks
    }

    [Fact]
    public void Conll_to_conll_is_stable()
    {
        using var dir = new TempFolder();
        var src = dir.Write("a.conll", "-DOCSTART-\tO\n\nAspirin\tB-Chemical\ncauses\tO\nGI\tB-Disease\nbleeding\tI-Disease\n.\tO\n\nIt\tO\nhelps\tO\n");
        var docs = new ConllFormat().Read(src, ReadOptions.Strict, new ReadReport()).ToList();
        var outPath = dir.File("b.conll");
        new ConllFormat().Write(docs, outPath);
        File.ReadAllText(outPath).Should().Be(File.ReadAllText(src));
    }

    [Fact]
    public void Writer_reports_misaligned_and_overlapping_entities_and_never_moves_them()
    {
        using var dir = new TempFolder();
        const string text = "cocaine-induced seizures";
        var doc = new AnnotatedDocument(new Document("d", text),
        [
            new Entity("T1", new TextSpan(0, 5), "Drug"),          // "cocai": inside a token
            new Entity("T2", new TextSpan(16, 24), "Problem"),     // "seizures"
            new Entity("T3", new TextSpan(16, 20), "Problem"),     // "seiz": misaligned too
            new Entity("T4", new TextSpan(8, 24), "Problem"),      // "induced seizures": overlaps T2, longer
        ]);
        var report = new ReadReport();
        var path = dir.File("o.conll");
        new ConllFormat().Write([doc], path, report);
        report.Problems.Should().HaveCount(3).And.OnlyContain(p => p.Code == ErrorCodes.NotRepresentable && p.DocumentId == "d");
        report.Notes.Should().ContainKey("conll: entity not on token boundaries (left untagged)").WhoseValue.Should().Be(2);
        report.Notes.Should().ContainKey("conll: entity overlapping a longer one (left untagged)");
        File.ReadAllLines(path).Should().Contain("cocaine\tO").And.Contain("induced\tB-Problem").And.Contain("seizures\tI-Problem");
    }

    [Fact]
    public void Writer_never_ends_a_sentence_inside_an_entity()
    {
        using var dir = new TempFolder();
        const string text = "Hx of congestive\nheart failure.";
        var doc = Docs.Annotated("d", text, ("congestive\nheart failure", "Problem"));
        var path = dir.File("o.conll");
        new ConllFormat(TagScheme.Bilou).Write([doc], path);
        var body = File.ReadAllText(path);
        body.Should().Contain("congestive\tB-Problem\nheart\tI-Problem\nfailure\tL-Problem\n");
    }
}
