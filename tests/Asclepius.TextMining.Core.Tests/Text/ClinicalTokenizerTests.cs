using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Tests.Text;

public class ClinicalTokenizerTests
{
    private static string[] Words(string text) => ClinicalTokenizer.Default.TokenizeWords(text).Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("metoprolol 25 mg PO b.i.d. daily", new[] { "metoprolol", "25", "mg", "PO", "b.i.d.", "daily" })]
    [InlineData("Seen by Dr. Smith, e.g. today", new[] { "Seen", "by", "Dr.", "Smith", ",", "e.g.", "today" })]
    [InlineData("took 5mg and 0.5 mL", new[] { "took", "5", "mg", "and", "0.5", "mL" })]
    [InlineData("a 10-mg dose", new[] { "a", "10", "-", "mg", "dose" })]
    [InlineData("BP 120/80, strength 3/5", new[] { "BP", "120", "/", "80", ",", "strength", "3", "/", "5" })]
    [InlineData("cocaine-induced ischemia/reperfusion", new[] { "cocaine", "-", "induced", "ischemia", "/", "reperfusion" })]
    [InlineData("TNF-α (IL-6) [n=12]", new[] { "TNF", "-", "α", "(", "IL", "-", "6", ")", "[", "n", "=", "12", "]" })]
    [InlineData("on 03/12/2019 at 14:30", new[] { "on", "03", "/", "12", "/", "2019", "at", "14", ":", "30" })]
    [InlineData("H2O2 and CCl4 in 1,000 rats", new[] { "H2O2", "and", "CCl4", "in", "1,000", "rats" })]
    [InlineData("1,2-dimethylhydrazine", new[] { "1", ",", "2", "-", "dimethylhydrazine" })]
    [InlineData("Parkinson's disease", new[] { "Parkinson", "'", "s", "disease" })]
    [InlineData("decrease of MBP and HR. In contrast", new[] { "decrease", "of", "MBP", "and", "HR", ".", "In", "contrast" })]
    [InlineData("in the absence of MR. However", new[] { "in", "the", "absence", "of", "MR", ".", "However" })]
    [InlineData("Pt. seen by Mr. Lee, Hx. of CHF", new[] { "Pt.", "seen", "by", "Mr.", "Lee", ",", "Hx.", "of", "CHF" })]
    public void Splits_clinical_text_as_expected(string text, string[] expected) =>
        Words(text).Should().Equal(expected);

    [Fact]
    public void Token_offsets_always_slice_to_the_token_text()
    {
        const string text = "HISTORY OF PRESENT ILLNESS:\n  The pt. is a 67 y/o male w/ CHF (EF 35%)… given Lasix 40mg IV q.d.\r\n- aspirin";
        foreach (var t in ClinicalTokenizer.Default.TokenizeWords(text))
            text.Substring(t.Start, t.Span.Length).Should().Be(t.Text);
    }

    [Fact]
    public void Header_on_its_own_line_is_its_own_sentence()
    {
        const string text = "HISTORY OF PRESENT ILLNESS:\nThe patient denies chest pain. She was seen by Dr. Lee.\n\nMEDICATIONS:\n1. Aspirin 81 mg daily\n2. Lisinopril 10 mg daily";
        var sentences = ClinicalTokenizer.Default.Tokenize(text).Sentences.Select(s => text[s.Span.Start..s.Span.End]).ToArray();
        sentences.Should().Equal(
            "HISTORY OF PRESENT ILLNESS:",
            "The patient denies chest pain.",
            "She was seen by Dr. Lee.",
            "MEDICATIONS:",
            "1. Aspirin 81 mg daily",
            "2. Lisinopril 10 mg daily");
    }

    [Fact]
    public void Inline_upper_case_header_ends_a_sentence()
    {
        const string text = "HPI: Patient has fever.";
        var sentences = ClinicalTokenizer.Default.Tokenize(text).Sentences;
        sentences.Should().HaveCount(2);
    }

    [Fact]
    public void Empty_and_whitespace_text_give_no_tokens()
    {
        ClinicalTokenizer.Default.Tokenize("").Tokens.Should().BeEmpty();
        ClinicalTokenizer.Default.Tokenize(" \n\t ").Sentences.Should().BeEmpty();
    }
}
