using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Reports;

namespace Asclepius.TextMining.Cli.Tests.Reports;

public sealed class NoteViewerWriterTests
{
    [Fact]
    public void Viewer_embeds_notes_with_entities_flags_relations_and_headers()
    {
        var notes = DemoNotes.Seed();
        var html = NoteViewerWriter.ToHtml(notes, "Demo");
        var dom = HtmlDom.Parse(html);

        var labels = notes.SelectMany(n => n.Entities).Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        dom.ById("label-filter")!.ByClass("label", "chip").Select(c => (string?)c.Attribute("data-label")).Should().Equal(labels);
        dom.ById("count-notes")!.Value.Should().Be(notes.Count.ToString());

        var data = JsonNode.Parse(HtmlDom.ScriptJson(html, "viewer-data"))!;
        var first = data["notes"]![0]!;
        first["ents"]!.AsArray().Should().HaveCount(notes[0].Entities.Count);
        first["rels"]!.AsArray().Should().HaveCount(notes[0].Relations.Count);
        first["hdrs"]!.AsArray().Select(h => (string?)h![2]).Should().Equal("Chief complaint", "History of present illness", "Past medical history", "Family history", "Assessment and plan");
        var flags = data["notes"]!.AsArray().SelectMany(n => n!["ents"]!.AsArray()).Select(e => (string)e![3]!).ToArray();
        foreach (var f in new[] { "negated", "uncertain", "historical", "hypothetical", "family" })
            flags.Should().Contain(x => x.Split(' ', StringSplitOptions.None).Contains(f), $"the demo notes show {f}");
    }

    [Fact]
    public void Relations_to_missing_entities_are_left_out_not_fatal()
    {
        var note = DemoNotes.Seed()[0];
        note = note with { Relations = [.. note.Relations, new Core.Documents.Relation("Rx", "treats", "T1", "T999")] };
        var data = JsonNode.Parse(HtmlDom.ScriptJson(NoteViewerWriter.ToHtml([note], "x"), "viewer-data"))!;
        data["notes"]![0]!["rels"]!.AsArray().Should().HaveCount(note.Relations.Count - 1);
    }

    [Fact]
    public void Linked_concepts_ride_with_their_entities()
    {
        var note = DemoNotes.Seed()[0];
        var e = note.Entities.ToArray();
        e[0] = e[0] with { Concept = "4329847", Link = new Core.Documents.ConceptLink("4329847", "SNOMED", "Myocardial infarction", 0.875) };
        note = note with { Entities = e };
        var data = JsonNode.Parse(HtmlDom.ScriptJson(NoteViewerWriter.ToHtml([note], "x"), "viewer-data"))!;
        var ents = data["notes"]![0]!["ents"]!.AsArray();
        ((string?)ents[0]![6]).Should().Be("4329847 Myocardial infarction (SNOMED, 0.88)");
        ents.Skip(1).Should().OnlyContain(x => x![6] == null || (string?)x[6] == note.Entities[ents.IndexOf(x)].Concept);
    }
}
