using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

/// <summary>
/// What the writer→reader properties (<see cref="ReportedLossProperties"/>) found, one fixed case each: a writer
/// either writes what its reader reads back as it was, or reports the document (ATM112) instead of writing a
/// line its reader refuses or misreads.
/// </summary>
public class WriterLossTests
{
    private static IReadOnlyList<AnnotatedDocument> RoundTrip(ICorpusFormat format, string path, ReadReport written, params AnnotatedDocument[] docs)
    {
        format.Write(docs, path, written);
        return format.Read(path, ReadOptions.Strict, new ReadReport()).ToList();
    }

    [Fact]
    public void Txt_keeps_a_text_that_begins_with_a_byte_order_mark_character()
    {
        using var dir = new TempFolder();
        var back = RoundTrip(new TxtFormat(), dir.File("out"), new ReadReport(), new AnnotatedDocument(new Document("n1", "\ufeffstarts with U+FEFF")));
        back.Single().Text.Should().Be("\ufeffstarts with U+FEFF");
    }

    [Fact]
    public void Txt_reports_a_blank_note_instead_of_writing_a_file_its_reader_refuses()
    {
        using var dir = new TempFolder();
        var written = new ReadReport();
        var back = RoundTrip(new TxtFormat(), dir.File("out"), written, new AnnotatedDocument(new Document("blank", " \n ")), new AnnotatedDocument(new Document("n2", "text")));
        back.Select(d => d.Id).Should().Equal("n2");
        written.Problems.Should().ContainSingle().Which.Should().Match<ReadProblem>(p => p.DocumentId == "blank" && p.Code == ErrorCodes.NotRepresentable);
    }

    [Fact]
    public void BioBert_reports_a_text_that_holds_a_mask_itself()
    {
        using var dir = new TempFolder();
        var written = new ReadReport();
        var bad = Docs.Annotated("bad", "BRCA1 and @GENE$ in cancer", ("BRCA1", "Gene"), ("cancer", "Disease"));
        var good = Docs.Annotated("good", "BRCA2 in cancer", ("BRCA2", "Gene"), ("cancer", "Disease"));
        var back = RoundTrip(new BioBertTsvFormat(), dir.File("out.tsv"), written, bad, good);
        back.Should().ContainSingle();
        written.Problems.Should().ContainSingle().Which.DocumentId.Should().Be("bad");
    }

    [Fact]
    public void ChemProt_marks_nested_arguments_that_end_together_so_they_read_back()
    {
        using var dir = new TempFolder();
        var doc = new AnnotatedDocument(new Document("d", "the beta blocker works"),
            [new Entity("T1", new TextSpan(4, 16), "Chemical"), new Entity("T2", new TextSpan(9, 16), "Gene")],
            [new Relation("R1", "INHIBITOR", "T1", "T2")]);
        var written = new ReadReport();
        var back = RoundTrip(new ChemProtFormat(), dir.File("out.jsonl"), written, doc).Single();
        written.Problems.Should().BeEmpty();
        back.Text.Should().Be(doc.Text);
        back.Entities.Select(e => e.Span).Should().BeEquivalentTo([new TextSpan(4, 16), new TextSpan(9, 16)]);
    }

    [Fact]
    public void ChemProt_reports_a_pair_it_cannot_mark_and_writes_the_others()
    {
        using var dir = new TempFolder();
        // A literal "<< " before the arguments would be read as the first marker; an argument paired with itself cannot be marked.
        var bad = new AnnotatedDocument(new Document("bad", "<< a b"),
            [new Entity("T1", new TextSpan(3, 4), "Chemical"), new Entity("T2", new TextSpan(5, 6), "Gene")],
            [new Relation("R1", "UPREGULATOR", "T1", "T2"), new Relation("R2", "INHIBITOR", "T1", "T1")]);
        var good = new AnnotatedDocument(new Document("good", "aspirin on COX"),
            [new Entity("T1", new TextSpan(0, 7), "Chemical"), new Entity("T2", new TextSpan(11, 14), "Gene")],
            [new Relation("R1", "INHIBITOR", "T1", "T2")]);
        var written = new ReadReport();
        var back = RoundTrip(new ChemProtFormat(), dir.File("out.jsonl"), written, bad, good);
        written.Problems.Select(p => (p.DocumentId, p.Reason.Split(':')[0])).Should().BeEquivalentTo([("bad", "relation R1"), ("bad", "relation R2")]);
        back.Single().Text.Should().Be("aspirin on COX");
    }

    [Fact]
    public void Ade_folder_without_dose_lines_reads_back_and_an_ambiguous_mention_is_reported()
    {
        using var dir = new TempFolder();
        var ok = Docs.Annotated("1", "aspirin caused rash", ("aspirin", "Drug"), ("rash", "AdverseEffect")).WithRelation(AdeFormat.AdverseEffectRelation, "T1", "T2");
        // Both mentions occur twice, four characters apart: shifts 0 and -10 both place them, the reader could not tell which.
        var twice = Docs.Annotated("2", "rash itch rash itch", ("rash", "Drug"), ("itch", "AdverseEffect")).WithRelation(AdeFormat.AdverseEffectRelation, "T1", "T2");
        var written = new ReadReport();
        var back = RoundTrip(new AdeFormat(), dir.File("ade"), written, ok, twice);
        File.Exists(Path.Combine(dir.File("ade"), AdeFormat.DoseFile)).Should().BeFalse("an empty file is refused by the reader");
        back.Should().ContainSingle().Which.Text.Should().Be("aspirin caused rash");
        written.Problems.Should().ContainSingle().Which.DocumentId.Should().Be("2");
    }

    [Fact]
    public void NegEx_never_writes_one_row_number_twice_and_reports_a_repeated_condition()
    {
        using var dir = new TempFolder();
        var a = Docs.Annotated("7", "no fever", ("fever", "Condition"));
        var b = Docs.Annotated("7", "no cough", ("cough", "Condition"));
        var repeated = new AnnotatedDocument(new Document("9", "pain then pain"), [new Entity("T1", new TextSpan(10, 14), "Condition")]);
        var written = new ReadReport();
        var back = RoundTrip(new NegExFormat(), dir.File("out.txt"), written, a, b, repeated);
        back.Select(d => d.Text).Should().Equal("no fever", "no cough");
        back.Select(d => d.Id).Should().OnlyHaveUniqueItems();
        written.Problems.Should().ContainSingle().Which.DocumentId.Should().Be("9");
    }

    [Fact]
    public void Csv_reports_an_id_its_reader_would_trim()
    {
        using var dir = new TempFolder();
        var written = new ReadReport();
        var back = RoundTrip(new CsvFormat(), dir.File("out.csv"), written, new AnnotatedDocument(new Document(" n1", "text")));
        back.Single().Id.Should().Be("n1");
        written.Problems.Should().ContainSingle().Which.DocumentId.Should().Be(" n1");
    }
}
