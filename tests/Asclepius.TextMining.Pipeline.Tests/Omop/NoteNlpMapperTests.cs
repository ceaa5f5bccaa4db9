using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;

namespace Asclepius.TextMining.Pipeline.Tests.Omop;

public class NoteNlpMapperTests
{
    private static readonly DateTime When = new(2026, 1, 2, 3, 4, 5);

    private static AnnotatedDocument Doc(Assertions a, string? section = null)
    {
        var text = "Patient denies   chest\npain today.";
        var e = new Entity("T1", new TextSpan(17, 27), "Disease", 0.875, a, AnnotationSource.Predicted, Section: section);
        var drug = new Entity("T2", new TextSpan(0, 7), "Chemical", 1, Assertions.None, AnnotationSource.Predicted);
        return new AnnotatedDocument(new Document("42", text), [e, drug], [new Relation("R1", "CID", "T1", "T2")]);
    }

    [Theory]
    [InlineData(Assertions.None, "Y", "present")]
    [InlineData(Assertions.Negated, "N", "present")]
    [InlineData(Assertions.Uncertain, "N", "present")]
    [InlineData(Assertions.Hypothetical, "N", "present")]
    [InlineData(Assertions.Family, "N", "present")]
    [InlineData(Assertions.Historical, "Y", "past")]
    [InlineData(Assertions.Historical | Assertions.Negated, "N", "past")]
    public void Assertions_map_to_term_exists_and_term_temporal(Assertions a, string exists, string temporal)
    {
        var row = NoteNlpMapper.Map(Doc(a), "m 1", When).Single(r => r.LexicalVariant.StartsWith("chest"));
        row.TermExists.Should().Be(exists);
        row.TermTemporal.Should().Be(temporal);
    }

    [Fact]
    public void Rows_carry_offset_snippet_system_and_modifiers()
    {
        var options = new NoteNlpOptions { Snippet = SnippetPolicy.Window, MaskIdentifiers = false, SnippetRadius = 8, SectionConcepts = new Dictionary<string, int> { ["HPI"] = 123 } };
        var rows = NoteNlpMapper.Map(Doc(Assertions.Negated, "HPI"), "model abc", When, options);
        rows.Should().HaveCount(2);
        var chest = rows.Single(r => r.Offset == "17");
        chest.NoteId.Should().Be("42");
        chest.LexicalVariant.Should().Be("chest\npain");
        chest.Snippet.Should().Be("enies chest pain today.");
        chest.SectionConceptId.Should().Be(123);
        chest.NlpSystem.Should().Be("model abc");
        chest.NlpDate.Should().Be(new DateOnly(2026, 1, 2));
        chest.TermModifiers.Should().Be("label=Disease;negated=true;uncertain=false;historical=false;hypothetical=false;family=false;section=HPI;score=0.875;id=T1;relations=CID:T2");
        rows.Single(r => r.Offset == "0").SectionConceptId.Should().Be(0);
    }

    [Fact]
    public void Non_integer_note_ids_get_a_stable_number_and_keep_the_original_in_modifiers()
    {
        OmopNoteId.For("123").Should().Be(123);
        OmopNoteId.For("note-a.txt").Should().Be(OmopNoteId.For("note-a.txt")).And.BePositive();
        var doc = new AnnotatedDocument(new Document("note-a", "aspirin"), [new Entity("T1", new TextSpan(0, 7), "Chemical")]);
        NoteNlpMapper.Map(doc, "m", When)[0].TermModifiers.Should().Contain("source_id=note-a");
    }
}
