using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class TemplateParserTests
{
    [Fact]
    public void Parser_splits_text_into_literals_and_slots()
    {
        var t = OfflineFixtures.Parse(OfflineFixtures.Line("{Chemical:1}-induced {Disease:1|class=renal,cardiovascular} in {~dis:2}.", OfflineFixtures.Cid11, relation: "CID"));

        t.Parts.Select(p => p.Literal ?? $"<{p.Slot!.Key}>").Should().Equal("<Chemical:1>", "-induced ", "<Disease:1>", " in ", "<~dis:2>", ".");
        t.Parts[2].Slot!.Classes.Should().Equal("renal", "cardiovascular");
        t.Parts[4].Slot!.IsEntity.Should().BeFalse();
        t.Relations.Should().ContainSingle().Which.Should().Be(new TemplateRelation("CID", "Chemical:1", "Disease:1"));
        t.Relation.Should().Be("CID");
        t.Location.Should().Be("mini.jsonl:1");
    }

    [Fact]
    public void Repeated_slot_inherits_the_class_of_its_first_mention()
    {
        var t = OfflineFixtures.Parse(OfflineFixtures.Line("{Disease:1|class=renal} and later {Disease:1|alt}.", context: "affirmed"));
        t.Parts[2].Slot!.Classes.Should().Equal("renal");
        t.Parts[2].Slot!.Alt.Should().BeTrue();
    }

    [Theory]
    [InlineData("{Drug:1} caused {Disease:1}.", "unknown label 'Drug'")]
    [InlineData("{Chemical:1|class=opioid} caused {Disease:1}.", "has no class 'opioid'")]
    [InlineData("{Chemical:1|plural} caused {Disease:1}.", "unknown option 'plural'")]
    [InlineData("{Chemical:1|alt} caused {Disease:1}.", "'alt' marks a later mention")]
    [InlineData("{Chemical:x} caused {Disease:1}.", "not a slot number")]
    [InlineData("{Chemical} caused {Disease:1}.", "must look like")]
    [InlineData("{Chemical:1 caused {Disease:1}.", "contains another '{'")]
    [InlineData("{Chemical:1} caused {Disease:1", "never closed")]
    [InlineData("{Chemical:1} caused} {Disease:1}.", "without an opening")]
    [InlineData("{~drugs:1} caused {Disease:1}.", "unknown lexicon 'drugs'")]
    [InlineData("{Disease:1|class=renal} and {Disease:1|class=cardiovascular}.", "different class option")]
    public void Bad_slots_are_errors_naming_file_and_line(string text, string reason)
    {
        var act = () => TemplateParser.Parse(["", OfflineFixtures.Line(text)], "mini.jsonl", OfflineFixtures.Vocabulary());
        act.Should().Throw<TextMiningException>().Where(e => e.Location == "mini.jsonl:2" && e.Message.Contains(reason));
    }

    [Theory]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],"context":"affirmed","note":"x"}""", "unknown key 'note'")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[]}""", "missing key 'context'")]
    [InlineData("""{"id":"t","schema":"other","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],"context":"affirmed"}""", "for schema 'other'")]
    [InlineData("""{"id":"t","schema":"mini","style":"poem","relation":null,"text":"{Chemical:1}.","relations":[],"context":"affirmed"}""", "unknown style 'poem'")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],"context":"maybe"}""", "unknown context 'maybe'")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":"TREATS","text":"{Chemical:1}.","relations":[],"context":"affirmed"}""", "unknown relation 'TREATS'")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":"CID","text":"{Chemical:1} {Disease:1}.","relations":[],"context":"affirmed"}""", "no entry of 'relations'")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":"CID","text":"{Chemical:1} did not cause {Disease:1}.","relations":[{"label":"CID","head":"Chemical:1","tail":"Disease:1"}],"context":"negated"}""", "negated template states no relation")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} {Disease:1}.","relations":[{"label":"CID","head":"Chemical:2","tail":"Disease:1"}],"context":"affirmed"}""", "head 'Chemical:2' is not an entity slot")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} {Disease:1}.","relations":[{"label":"CID","head":"Disease:1","tail":"Chemical:1"}],"context":"affirmed"}""", "does not allow (Disease, Chemical)")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} {Disease:1}.","relations":[{"label":"CID","head":"Chemical:1","tail":"Disease:1","why":"x"}],"context":"affirmed"}""", "unknown key 'why' in a relation")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} {~dis:1}.","relations":[{"label":"CID","head":"Chemical:1","tail":"~dis:1"}],"context":"affirmed"}""", "tail '~dis:1' is not an entity slot")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],""", "not valid JSON")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],"context":"affirmed","note":"x"}""", "unknown key 'note' in a template; allowed keys: id, schema, style, relation, text, relations, context")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1} {Disease:1}.","relations":[{"label":"CID","head":"Chemical:1"}],"context":"affirmed"}""", "missing key 'tail' in a relation; required keys: label, head, tail")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":null,"text":"{Chemical:1}.","relations":[],"context":"affirmed","id":"u"}""", "key 'id' appears twice")]
    [InlineData("""{"id":"t","schema":"mini","style":"case-report","relation":7,"text":"{Chemical:1}.","relations":[],"context":"affirmed"}""", "'relation' must be a string")]
    public void Bad_template_lines_are_errors_naming_file_and_line(string line, string reason)
    {
        var act = () => TemplateParser.Parse([OfflineFixtures.Line("{Chemical:1} and {Disease:1}.", id: "ok"), line], "mini.jsonl", OfflineFixtures.Vocabulary());
        act.Should().Throw<TextMiningException>().Where(e => e.Location!.StartsWith("mini.jsonl:2") && e.Message.Contains(reason));
    }

    [Fact]
    public void Duplicate_template_ids_are_an_error()
    {
        var line = OfflineFixtures.Line("{Chemical:1} and {Disease:1}.");
        var act = () => TemplateParser.Parse([line, line], "mini.jsonl", OfflineFixtures.Vocabulary());
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.DuplicateId && e.Location == "mini.jsonl:2");
    }
}
