using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Pipeline.Dictionary;

namespace Asclepius.TextMining.Pipeline.Tests.Dictionary;

public class DictionaryRecognizerTests
{
    private static IReadOnlyList<(string Text, string Label)> Find(DictionaryRecognizer r, string text)
    {
        var doc = new Document("d", text);
        return r.Recognize(doc, ClinicalTokenizer.Default.Tokenize(text)).Select(e => (doc.Slice(e.Span), e.Label)).ToList();
    }

    [Fact]
    public void Finds_the_longest_phrase_first_ignoring_case()
    {
        var r = new DictionaryRecognizer([("diabetes", "Disease"), ("diabetes mellitus", "Disease"), ("insulin", "Chemical")]);
        Find(r, "Type 2 Diabetes Mellitus on INSULIN; diabetes again.")
            .Should().Equal(("Diabetes Mellitus", "Disease"), ("INSULIN", "Chemical"), ("diabetes", "Disease"));
    }

    [Fact]
    public void Matches_whole_tokens_only()
    {
        var r = new DictionaryRecognizer([("pain", "Disease")]);
        Find(r, "painful, pain-free and pain.").Should().Equal(("pain", "Disease"), ("pain", "Disease"));
    }

    [Fact]
    public void Case_sensitive_when_asked()
    {
        var r = new DictionaryRecognizer([("ALL", "Disease")], caseSensitive: true);
        Find(r, "all ALL").Should().Equal(("ALL", "Disease"));
    }

    [Fact]
    public void A_lexicon_line_without_a_tab_is_an_error_naming_the_line()
    {
        var act = () => DictionaryRecognizer.ParseLexicon("# header\naspirin\tChemical\nbroken line\n", "lex.tsv");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.RulesInvalid && e.Message.Contains("lex.tsv:3"));
    }
}
