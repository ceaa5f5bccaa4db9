using Asclepius.TextMining.Core.Documents;
using System.Text;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
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

    private static DictionaryRecognizer LoadWithOptions(string optionsJson)
    {
        var path = Path.Combine(Path.GetTempPath(), $"asclepius-dict-{Guid.NewGuid():N}.zip");
        try
        {
            var files = new Dictionary<string, byte[]>(DictionaryRecognizer.ComponentFiles([("ALL", "Disease")]))
            {
                [DictionaryRecognizer.OptionsFile] = Encoding.UTF8.GetBytes(optionsJson),
            };
            new ModelPackageBuilder("d", LabelSchema.FromLabels(["Disease"])).AddComponent("ner", DictionaryRecognizer.ComponentKind, files).Save(path);
            var package = ModelPackage.Open(path);
            return DictionaryRecognizer.Load(package, package.FindComponent("ner")!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Options_json_sets_case_sensitivity()
    {
        LoadWithOptions("""{"case_sensitive": true}""").CaseSensitive.Should().BeTrue();
        LoadWithOptions("""{"case_sensitive": null}""").CaseSensitive.Should().BeFalse();
        LoadWithOptions("{}").CaseSensitive.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"case_sensitive": true, "stem": true}""", "unknown key 'stem'; allowed keys: case_sensitive")]
    [InlineData("""{"case_sensitive": "yes"}""", "'case_sensitive' must be true or false")]
    [InlineData("""{"case_sensitive": true, "case_sensitive": false}""", "key 'case_sensitive' appears twice")]
    [InlineData("""{"case_sensitive": tru""", "not valid JSON")]
    [InlineData("""[true]""", "the file must hold one JSON object")]
    public void A_bad_options_json_is_a_package_error_naming_it(string json, string reason)
    {
        var act = () => LoadWithOptions(json);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("components/ner/options.json") && e.Message.Contains(reason));
    }
}
