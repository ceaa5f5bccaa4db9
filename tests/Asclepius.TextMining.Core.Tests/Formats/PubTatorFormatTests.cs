using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class PubTatorFormatTests
{
    // Title 0..39, abstract from 40. Composite mention, a "-1" concept, the 7th column, and a chemical concept
    // that a Disease mention carries first (the head must still be the Chemical mention).
    private const string Sample =
        "100|t|Lithium-induced renal and liver injury.\n" +
        "100|a|Lithium toxicity (lithium) and pain.\n" +
        "100\t0\t7\tLithium\tChemical\tD008094\n" +
        "100\t16\t38\trenal and liver injury\tDisease\tD007674|D056486\trenal injury|liver injury\n" +
        "100\t40\t56\tLithium toxicity\tDisease\tD008094\n" +
        "100\t58\t65\tlithium\tChemical\tD008094\n" +
        "100\t71\t75\tpain\tDisease\t-1\n" +
        "100\tCID\tD008094\tD056486\n" +
        "\n" +
        "200|t|No abstract here.\n" +
        "200|a|\n";

    private static List<AnnotatedDocument> Read(TempFolder dir, string content, ReadReport? report = null) =>
        new PubTatorFormat().Read(dir.Write("s.txt", content), ReadOptions.Strict, report ?? new ReadReport()).ToList();

    [Fact]
    public void Reads_title_and_abstract_as_one_text_with_mentions_and_concepts()
    {
        using var dir = new TempFolder();
        var docs = Read(dir, Sample);
        docs.Should().HaveCount(2);
        var d = docs[0];
        d.Text.Should().Be("Lithium-induced renal and liver injury. Lithium toxicity (lithium) and pain.");
        d.Document.Meta[PubTatorFormat.TitleLengthKey].Should().Be("39");
        d.Entities.Should().HaveCount(5);
        d.Entities[1].Concept.Should().Be("D007674|D056486");
        d.Entities[1].ConceptIds.Should().Equal("D007674", "D056486");
        d.Entities[4].Concept.Should().Be("-1");
        d.Entities[4].ConceptIds.Should().BeEmpty();
        d.Document.Meta[PubTatorFormat.ExtraKeyPrefix + d.Entities[1].Id].Should().Be("renal injury|liver injury");
        docs[1].Text.Should().Be("No abstract here.");
    }

    [Fact]
    public void Cid_relation_names_first_chemical_and_disease_mentions_carrying_the_concepts()
    {
        using var dir = new TempFolder();
        var d = Read(dir, Sample)[0];
        var r = d.Relations.Should().ContainSingle().Which;
        r.Label.Should().Be("CID");
        r.IsConceptLevel.Should().BeTrue();
        (r.HeadConcept, r.TailConcept).Should().Be(("D008094", "D056486"));
        d.TextOf(d.FindEntity(r.HeadId)!).Should().Be("Lithium");
        d.FindEntity(r.HeadId)!.Label.Should().Be("Chemical");
        d.TextOf(d.FindEntity(r.TailId)!).Should().Be("renal and liver injury"); // the composite carries D056486
    }

    [Fact]
    public void Writer_round_trips_mentions_relations_and_extra_columns()
    {
        using var dir = new TempFolder();
        var docs = Read(dir, Sample);
        var path = dir.File("out.txt");
        new PubTatorFormat().Write(docs, path);
        var back = new PubTatorFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();
        Canon.Of(back).Should().Equal(Canon.Of(docs));
        back[0].Document.Meta.Should().ContainKey(PubTatorFormat.ExtraKeyPrefix + "T2");
        File.ReadAllText(path).Should().StartWith(Sample.Split("\n\n")[0]);
    }

    [Fact]
    public void Writer_reports_relations_it_cannot_express_and_flattens_line_breaks()
    {
        using var dir = new TempFolder();
        var doc = Docs.Annotated("x1", "Aspirin\ncauses pain.", ("Aspirin", "Chemical"), ("pain", "Disease")).WithRelation("Causes", "T1", "T2");
        var report = new ReadReport();
        var path = dir.File("out.txt");
        new PubTatorFormat().Write([doc], path, report);
        report.Notes.Keys.Should().Contain(k => k.Contains("relation without concept ids"));
        var back = new PubTatorFormat().Read(path, ReadOptions.Strict, new ReadReport()).Single();
        back.Text.Should().Be("Aspirin causes pain.");
        back.Entities.Select(e => back.TextOf(e)).Should().Equal("Aspirin", "pain");
    }

    [Fact]
    public void Lenient_mode_skips_the_whole_bad_document()
    {
        using var dir = new TempFolder();
        var report = new ReadReport();
        var docs = new PubTatorFormat().Read(dir.Write("s.txt", "1|t|Good.\n\n2|t|Bad.\n2\t0\t99\tBad\tChemical\tD1\n2\t0\t3\tBad\tChemical\tD1\n\n3|t|Fine.\n"),
            new ReadOptions { Lenient = true }, report).ToList();
        docs.Select(d => d.Id).Should().Equal("1", "3");
        report.Problems.Should().ContainSingle().Which.Line.Should().Be(4);
    }
}
