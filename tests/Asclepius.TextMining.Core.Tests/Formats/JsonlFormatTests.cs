using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Formats;

public class JsonlFormatTests
{
    private static AnnotatedDocument Rich()
    {
        const string text = "Pt denies \"chest pain\" on metoprolol 25 mg.\nMother had MI — α-blocker? 😀";
        var doc = Docs.Annotated("note-1", text, ("chest pain", "Problem"), ("metoprolol", "Drug"), ("25 mg", "Dose"), ("MI", "Problem"));
        var e = doc.Entities.ToArray();
        e[0] = e[0] with { Assertions = Assertions.Negated | Assertions.Uncertain, Score = 0.75, Source = AnnotationSource.Predicted, Section = "HPI" };
        e[1] = e[1] with { Concept = "D008790", Link = new ConceptLink("D008790", "MeSH", "Metoprolol", 0.9375, SourceId: "1307046") };
        e[3] = e[3] with { Assertions = Assertions.Family | Assertions.Historical, Source = AnnotationSource.Synthetic };
        return new AnnotatedDocument(new Document(doc.Id, text, new Dictionary<string, string> { ["source"] = "unit", ["n"] = "1" }), e,
            [new Relation("R1", "DosageOf", e[2].Id, e[1].Id, 0.5), new Relation("R2", "CID", e[1].Id, e[0].Id, HeadConcept: "D008790", TailConcept: "D002637")]);
    }

    [Fact]
    public void Utf8_line_is_the_writers_line_and_predicted_scores_are_always_written_rounded()
    {
        var doc = Rich();
        var predicted = doc.Entities[1] with { Source = AnnotationSource.Predicted, Score = 1.0 };
        var other = doc.Entities[2] with { Source = AnnotationSource.Predicted, Score = 0.123456789 };
        doc = doc with { Entities = [doc.Entities[0], predicted, other, doc.Entities[3]] };

        var line = Encoding.UTF8.GetString(JsonlFormat.ToUtf8Line(doc));

        line.Should().Be(JsonlFormat.ToJsonLine(doc) + "\n");
        line.Should().Contain("\"label\":\"Drug\",\"text\":\"metoprolol\",\"score\":1,");
        line.Should().Contain("\"score\":0.1235,");
        line.Should().NotContain("\"text\":\"MI\",\"score\"", "a synthetic or gold entity with score 1 carries none");
    }

    [Fact]
    public void Writer_and_reader_round_trip_every_field()
    {
        using var dir = new TempFolder();
        var docs = new[] { Rich(), Docs.Annotated("plain", "No findings.") };
        var path = dir.File("out.jsonl");
        new JsonlFormat().Write(docs, path);
        var back = new JsonlFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();

        back.Select(JsonlFormat.ToJsonLine).Should().Equal(docs.Select(JsonlFormat.ToJsonLine));
        var e = back[0].Entities;
        e[0].Assertions.Should().Be(Assertions.Negated | Assertions.Uncertain);
        e[0].Source.Should().Be(AnnotationSource.Predicted);
        e[0].Score.Should().Be(0.75);
        e[0].Section.Should().Be("HPI");
        e[1].Link.Should().Be(new ConceptLink("D008790", "MeSH", "Metoprolol", 0.9375, "1307046"));
        back[0].Relations[1].HeadConcept.Should().Be("D008790");
        back[0].Document.Meta["source"].Should().Be("unit");
    }

    [Theory]
    [InlineData("\"link\":\"D1\"", "must be an object")]
    [InlineData("\"link\":{\"vocabulary\":\"MeSH\"}", "has no \"id\"")]
    [InlineData("\"link\":{\"id\":\"D1\",\"score\":2}", "\"score\" must be a number in [0, 1]")]
    [InlineData("\"link\":{\"id\":\"D1\",\"name\":7}", "\"name\" must be a string")]
    public void Reader_rejects_a_malformed_link_naming_line_and_entity(string link, string reason)
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.jsonl");
        File.WriteAllText(path, "{\"id\":\"n1\",\"text\":\"aspirin\",\"entities\":[{\"id\":\"T1\",\"start\":0,\"end\":7,\"label\":\"Drug\",\"text\":\"aspirin\"," + link + "}]}\n");

        var act = () => new JsonlFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToList();

        act.Should().Throw<Exception>().Where(ex => ex.Message.Contains(reason) && ex.Message.Contains("entity T1") && ex.Message.Contains("bad.jsonl:1") && ex.Message.Contains("[ATM101]"));
    }

    [Fact]
    public void Writer_writes_utf8_without_bom_one_line_per_document_with_entity_text()
    {
        using var dir = new TempFolder();
        var path = dir.File("out.jsonl");
        new JsonlFormat().Write([Rich(), Docs.Annotated("b", "x")], path);
        var bytes = File.ReadAllBytes(path);
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes);
        text.Should().NotContain("\r");
        text.Split('\n').Should().HaveCount(3).And.EndWith("");
        text.Should().Contain("\"text\":\"chest pain\"").And.Contain("α-blocker").And.Contain("\"assertions\":[\"negated\",\"uncertain\"]");
    }

    [Fact]
    public void Reader_skips_blank_lines_and_counts_unknown_keys()
    {
        using var dir = new TempFolder();
        var path = dir.Write("in.jsonl", "\n{\"id\":\"a\",\"text\":\"x\",\"extra\":1,\"entities\":[{\"id\":\"T1\",\"start\":0,\"end\":1,\"label\":\"L\",\"text\":\"x\",\"colour\":\"red\"}]}\n\n");
        var report = new ReadReport();
        var docs = new JsonlFormat().Read(path, ReadOptions.Strict, report).ToList();
        docs.Should().ContainSingle().Which.Entities.Should().ContainSingle();
        report.Notes.Should().ContainKey("jsonl: unknown document key 'extra' ignored");
        report.Notes.Should().ContainKey("jsonl: unknown entity key 'colour' ignored");
    }

    [Fact]
    public void Reader_accepts_a_utf8_bom_and_crlf_line_ends()
    {
        using var dir = new TempFolder();
        var path = dir.File("bom.jsonl");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n")]);
        new JsonlFormat().Read(path, ReadOptions.Strict, new ReadReport()).Select(d => d.Text).Should().Equal("x", "y");
    }
}
