using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class SurfaceFormsTests
{
    [Theory]
    [InlineData("hypotensive", "hypotension", true)]
    [InlineData("nauseated", "nausea", true)]
    [InlineData("nephrotoxic", "nephrotoxicity", true)]
    [InlineData("diuretic", "diuretics", false)]
    [InlineData("nosebleed", "epistaxis", false)]
    [InlineData("low blood pressure", "hypotension", false)]
    [InlineData("MI", "myocardial infarction", false)]
    public void Adjectival_forms_are_told_from_nouns(string variant, string name, bool adjectival) =>
        SurfaceForms.IsAdjectival(variant, name).Should().Be(adjectival);

    [Theory]
    [InlineData("MI", true)]
    [InlineData("5-FU", true)]
    [InlineData("CsA", true)]
    [InlineData("Tylenol", false)]
    [InlineData("A-fib", false)]
    [InlineData("heart attack", false)]
    public void Abbreviations_have_two_capitals_and_no_space(string surface, bool abbreviation) =>
        SurfaceForms.IsAbbreviation(surface).Should().Be(abbreviation);

    [Fact]
    public void Coined_abbreviations_are_initials_of_a_term_or_short_forms_of_a_word()
    {
        SurfaceForms.CoinAbbreviation("acute renal failure", new Random(1)).Should().Be("ARF");
        SurfaceForms.CoinAbbreviation("syndrome of inappropriate secretion", new Random(1)).Should().Be("SIS", "minor words are skipped");
        SurfaceForms.CoinAbbreviation("lithium", new Random(1)).Should().NotBeNull();
        SurfaceForms.CoinAbbreviation("ASA", new Random(1)).Should().BeNull("too short to abbreviate");
        var rng = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var a = SurfaceForms.CoinAbbreviation("vancomycin", rng);
            if (a is null) continue;
            a.Length.Should().BeInRange(2, 4);
            a[0].Should().Be('V');
            a.Should().NotContain(" ");
        }
    }

    [Theory]
    [InlineData("heparin-induced thrombocytopenia", true)]
    [InlineData("Aspirin-exacerbated respiratory disease", true)]
    [InlineData("antibiotic-associated diarrhea", true)]
    [InlineData("drug-induced hepatitis", false)]
    [InlineData("pregnancy-induced hypertension", false)]
    [InlineData("thrombocytopenia", false)]
    public void Surfaces_that_name_a_chemical_cause_are_recognised(string surface, bool cause) =>
        SurfaceForms.NamesACause(surface, new HashSet<string>(["heparin", "aspirin", "antibiotics"], StringComparer.OrdinalIgnoreCase)).Should().Be(cause);

    [Theory]
    [InlineData("", true)]
    [InlineData("He had ", false)]
    [InlineData("Done. ", true)]
    [InlineData("Done.\n", true)]
    [InlineData("HR: ", false)]
    [InlineData("(", false)]
    public void Sentence_starts_are_found_after_text_so_far(string before, bool starts) =>
        SurfaceForms.StartsSentence(new System.Text.StringBuilder(before)).Should().Be(starts);
}
