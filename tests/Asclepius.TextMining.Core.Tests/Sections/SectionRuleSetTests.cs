using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Core.Tests.Sections;

public sealed class SectionRuleSetTests
{
    private static readonly SectionRuleSet Rules = SectionRuleSet.Default;

    private static string[] Names(string text) =>
        Rules.FindSections(text).Select(s => s.Section?.Name ?? "?").ToArray();

    [Fact]
    public void Shipped_rules_load_with_loinc_codes_and_flags()
    {
        Rules.Find("history_of_present_illness")!.Loinc.Should().Be("10164-2");
        Rules.Find("past_medical_history")!.Assertions.Should().Be(Documents.Assertions.Historical);
        Rules.Find("family_history")!.Assertions.Should().Be(Documents.Assertions.Family);
        Rules.ConceptId("history_of_present_illness").Should().Be(0, "no OMOP concept id is shipped: unknown is 0");
        Rules.ConceptId(null).Should().Be(0);
    }

    [Fact]
    public void Upper_case_headers_at_line_starts_are_found()
    {
        Names("CHIEF COMPLAINT: Cough.\nHISTORY OF PRESENT ILLNESS: Three days of cough.\nPAST MEDICAL HISTORY: Asthma.\nMEDICATIONS: Albuterol.")
            .Should().Equal("chief_complaint", "history_of_present_illness", "past_medical_history", "medications");
    }

    [Fact]
    public void Flattened_notes_with_comma_joins_are_read()
    {
        // MTSamples joins lines with ",": "HEADER:  ,text.,NEXT HEADER: , text"
        Names("PREOPERATIVE DIAGNOSIS:,  Endstage renal disease.,POSTOPERATIVE DIAGNOSIS: , Same.,ESTIMATED BLOOD LOSS: , 400 mL.")
            .Should().Equal("preoperative_diagnosis", "postoperative_diagnosis", "operative_details");
    }

    [Fact]
    public void Mixed_case_known_headers_count_only_at_a_line_start()
    {
        Names("Past Medical History: asthma\nFamily History: none").Should().Equal("past_medical_history", "family_history");
        Names("The medications: aspirin and statin.").Should().BeEmpty();
    }

    [Fact]
    public void Subheaders_stay_inside_their_section_and_unknown_headers_end_it()
    {
        var text = "PHYSICAL EXAMINATION: Well.\nHEENT: Normal.\nLUNGS: Clear.\nWOUND CARE CHECKLIST: done\nPLAN: Home.";
        Names(text).Should().Equal("physical_exam", "?", "plan");
        Rules.FindHeaders(text).Count(h => h.IsSubheader).Should().Be(2);
    }

    [Fact]
    public void Compound_headers_resolve_by_their_first_part_and_alias_lines_count()
    {
        Names("HISTORY OF PRESENT ILLNESS/HOSPITAL COURSE: text").Should().Equal("history_of_present_illness");
        Names("Assessment and Plan\nContinue aspirin.").Should().Equal("assessment_and_plan");
    }

    [Fact]
    public void Times_and_prose_colons_are_not_headers()
    {
        Rules.FindHeaders("Seen at 10:30 today. Ratio was 1:1000 and she said: fine.").Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "hpi", "title": "HPI", "aliases": ["hpi"], "codes": [] } ] }""", "unknown key 'codes'")]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "Hpi", "title": "HPI", "aliases": ["x"] } ] }""", "lower_snake_case")]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "hpi", "title": "HPI", "loinc": "HPI-1", "aliases": ["x"] } ] }""", "not a LOINC code")]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "a", "title": "A", "aliases": ["same"] }, { "name": "b", "title": "B", "aliases": ["Same"] } ] }""", "already belongs to section 'a'")]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "a", "title": "A", "aliases": ["x"], "assertions": ["past"] } ] }""", "unknown assertion 'past'")]
    [InlineData("""{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "a", "title": "A", "aliases": ["x"] } ], "subheaders": ["x"] }""", "also an alias")]
    public void Invalid_section_rules_are_refused(string json, string reason)
    {
        var ex = FluentActions.Invoking(() => SectionRuleSet.Parse(json, "s.json")).Should().Throw<TextMiningException>().Which;
        ex.Code.Should().Be(ErrorCodes.RulesInvalid);
        ex.Message.Should().Contain(reason).And.Contain("s.json");
    }
}
