using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.TokenWindow;

namespace Asclepius.TextMining.Ner.Tests.TokenWindow;

public sealed class LexiconSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-lex-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Match(LexiconSet set, string text)
    {
        var tokens = ClinicalTokenizer.Default.TokenizeWords(text);
        var lower = tokens.Select(t => LexiconSet.LowerHash(t.Text)).ToArray();
        var exact = tokens.Select(t => FeatureHashProbe.Exact(t.Text)).ToArray();
        var positions = new byte[set.Count * tokens.Count];
        set.Match(lower, exact, positions);
        return positions;
    }

    [Fact]
    public void Longest_phrase_wins_case_insensitively_and_short_acronyms_match_only_as_written()
    {
        var set = new LexiconSet(new Dictionary<string, IReadOnlyList<string>>
        {
            ["diseases"] = ["renal failure", "acute renal failure", "MI"],
        });
        // tokens: Acute renal failure and MI , not mi
        Match(set, "Acute renal failure and MI , not mi").Should().Equal(1, 2, 3, 0, 4, 0, 0, 0);
    }

    [Fact]
    public void Reads_generator_and_dictionary_layouts()
    {
        File.WriteAllText(Path.Combine(_dir, "chemicals.tsv"), "name\tvariants\tclass\naspirin\tASA|acetylsalicylic acid\tanalgesic\n");
        File.WriteAllText(Path.Combine(_dir, "baseline.tsv"), "# comment\nhypertension\tDisease\nlithium\tChemical\n");
        var set = LexiconSet.LoadFolder(_dir);
        set.Names.Should().Equal("baseline:Chemical", "baseline:Disease", "chemicals");
        set.PhraseCount.Should().Be(5);
        LexiconSet.FromJson(set.ToJson(), "x").Names.Should().Equal(set.Names);
    }

    [Fact]
    public void A_bad_line_is_an_error_naming_file_and_line()
    {
        var file = Path.Combine(_dir, "bad.tsv");
        File.WriteAllText(file, "name\tvariants\tclass\naspirin\t\tanalgesic\n\tASA\tanalgesic\n");
        var act = () => LexiconSet.LoadFolder(_dir);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.RulesInvalid && e.Message.Contains("bad.tsv:3"));
    }

    [Fact]
    public void Missing_or_empty_folder_is_an_error()
    {
        var missing = () => LexiconSet.LoadFolder(Path.Combine(_dir, "nope"));
        missing.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.RulesInvalid);
        var empty = () => LexiconSet.LoadFolder(_dir);
        empty.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("no .tsv"));
    }
}
