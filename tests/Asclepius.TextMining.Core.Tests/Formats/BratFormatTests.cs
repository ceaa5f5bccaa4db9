using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class BratFormatTests
{
    private const string Text = "Aspirin caused GI bleeding, not rash.";

    [Fact]
    public void Reads_entities_relations_and_assertion_attributes()
    {
        using var dir = new TempFolder();
        dir.Write("n1.txt", Text);
        dir.Write("n1.ann", "T1\tDrug 0 7\tAspirin\nT2\tADE 15 26\tGI bleeding\nT3\tADE 32 36\trash\nR1\tCauses Arg1:T1 Arg2:T2\nA1\tNegated T3\nA2\tCertainty T2 hypothetical\nA3\tSeverity T2 high\n");
        var report = new ReadReport();
        var doc = new BratFormat().Read(dir.Path, ReadOptions.Strict, report).Single();
        doc.Id.Should().Be("n1");
        doc.Entities.Select(e => doc.TextOf(e)).Should().Equal("Aspirin", "GI bleeding", "rash");
        doc.Entities[2].Assertions.Should().Be(Assertions.Negated);
        doc.Entities[1].Assertions.Should().Be(Assertions.Hypothetical);
        doc.Relations.Should().ContainSingle().Which.Should().Be(new Relation("R1", "Causes", "T1", "T2"));
        report.Notes.Should().ContainKey("brat: attribute 'Severity' is not an assertion flag (ignored)");
    }

    [Fact]
    public void Discontinuous_spans_and_unknown_lines_are_skipped_and_counted()
    {
        using var dir = new TempFolder();
        dir.Write("n1.txt", Text);
        dir.Write("n1.ann", "T1\tDrug 0 7\tAspirin\nT2\tADE 15 17;18 26\tGI bleeding\nR1\tCauses Arg1:T1 Arg2:T2\nA1\tNegated T2\nE1\tCause:T1\n#1\tAnnotatorNotes T1\tcheck\nN1\tReference T1 RxNorm:1191\tAspirin\n*\tEquiv T1 T1\n");
        var report = new ReadReport();
        var doc = new BratFormat().Read(dir.File("n1.ann"), ReadOptions.Strict, report).Single();
        doc.Entities.Should().ContainSingle();
        doc.Relations.Should().BeEmpty();
        report.Problems.Should().BeEmpty();
        report.Notes.Should().Contain(new KeyValuePair<string, int>("brat: discontinuous entity skipped", 1));
        report.Notes.Should().ContainKey("brat: relation to a skipped discontinuous entity skipped");
        report.Notes.Should().ContainKey("brat: attribute of a skipped discontinuous entity skipped");
        report.Notes.Should().ContainKeys("brat: 'E' lines ignored", "brat: '#' lines ignored", "brat: 'N' lines ignored", "brat: '*' lines ignored");
    }

    [Fact]
    public void Offsets_are_code_points_outside_the_bmp()
    {
        using var dir = new TempFolder();
        dir.Write("e.txt", "😀 aspirin");
        dir.Write("e.ann", "T1\tDrug 2 9\taspirin\n");
        var doc = new BratFormat().Read(dir.Path, ReadOptions.Strict, new ReadReport()).Single();
        doc.Entities[0].Span.Should().Be(new TextSpan(3, 10));
        doc.TextOf(doc.Entities[0]).Should().Be("aspirin");

        var outDir = Path.Combine(dir.Path, "out");
        new BratFormat().Write([doc], outDir);
        File.ReadAllText(Path.Combine(outDir, "e.ann")).Should().Be("T1\tDrug 2 9\taspirin\n");
    }

    [Fact]
    public void Txt_without_ann_is_a_document_without_annotations()
    {
        using var dir = new TempFolder();
        dir.Write("a.txt", "Hello.");
        dir.Write("b.txt", Text);
        dir.Write("b.ann", "T1\tDrug 0 7\tAspirin\n");
        var report = new ReadReport();
        var docs = new BratFormat().Read(dir.Path, ReadOptions.Strict, report).ToList();
        docs.Select(d => d.Id).Should().Equal("a", "b");
        docs[0].Entities.Should().BeEmpty();
        report.Notes.Should().ContainKey("brat: .txt without .ann (document with no annotations)");
    }

    [Fact]
    public void Write_then_read_keeps_entities_relations_and_assertions()
    {
        using var dir = new TempFolder();
        var doc = Docs.Annotated("note/1", "Mother had MI.\nPt denies chest pain on aspirin.", ("MI", "Problem"), ("chest pain", "Problem"), ("aspirin", "Drug"))
            .WithRelation("Treats", "T3", "T2");
        var e = doc.Entities.ToArray();
        e[0] = e[0] with { Assertions = Assertions.Family | Assertions.Historical };
        e[1] = e[1] with { Assertions = Assertions.Negated };
        doc = doc with { Entities = e };
        var other = new AnnotatedDocument(new Document("x", "Heparin."), [new Entity("drug-1", new TextSpan(0, 7), "Drug")], []);

        new BratFormat().Write([doc, other], dir.File("out"));
        var back = new BratFormat().Read(dir.File("out"), ReadOptions.Strict, new ReadReport()).ToList();
        Canon.Of(back, withId: false).Should().BeEquivalentTo(Canon.Of([doc, other], withId: false));
        back.Select(d => d.Id).Should().BeEquivalentTo("note_1", "x");
        back.Single(d => d.Id == "x").Entities.Single().Id.Should().Be("T1");
    }
}
