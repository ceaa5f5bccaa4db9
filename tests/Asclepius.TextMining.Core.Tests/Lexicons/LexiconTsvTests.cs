using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Lexicons;

namespace Asclepius.TextMining.Core.Tests.Lexicons;

public class LexiconTsvTests
{
    [Fact]
    public void The_header_gives_the_name_variants_class_layout_with_comments_and_blank_lines_skipped()
    {
        var table = LexiconTsv.Parse("\uFEFF# seeds\nName\tVariants\tClass\r\naspirin\tASA| acetylsalicylic acid |\tanalgesic\r\n\nlithium\t\tmood\n", "chem.tsv");
        table.Layout.Should().Be(LexiconLayout.NameVariantsClass);
        table.Rows.Select(r => (r.Line, r.Name, string.Join("|", r.Variants), r.Class)).Should().Equal(
            (3, "aspirin", "ASA|acetylsalicylic acid", "analgesic"), (5, "lithium", "", "mood"));
    }

    [Fact]
    public void Without_the_header_lines_are_phrase_and_label()
    {
        var table = LexiconTsv.Parse("# phrase\tlabel\nheart attack\tDisease\n  # indented comment\nASA\tChemical\n", "lex.tsv");
        table.Layout.Should().Be(LexiconLayout.PhraseLabel);
        table.Rows.Select(r => (r.Line, r.Name, r.Class)).Should().Equal((2, "heart attack", "Disease"), (4, "ASA", "Chemical"));
    }

    [Theory]
    [InlineData("name\tvariants\tclass\naspirin\tASA\n", "lex.tsv:2")]
    [InlineData("name\tvariants\tclass\naspirin\tASA\tx\textra\n", "lex.tsv:2")]
    [InlineData("name\tvariants\tclass\nok\t\tx\n \tASA\tx\n", "lex.tsv:3")]
    [InlineData("aspirin\tChemical\nbroken line\n", "lex.tsv:2")]
    [InlineData("aspirin\t \n", "lex.tsv:1")]
    public void A_bad_row_is_RulesInvalid_naming_file_and_line(string text, string where)
    {
        var act = () => LexiconTsv.Parse(text, "lex.tsv");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.RulesInvalid && e.Message.Contains(where));
    }

    [Fact]
    public void A_missing_file_is_unreadable_input()
    {
        var act = () => LexiconTsv.Read(Path.Combine(Path.GetTempPath(), "atm-no-such-lexicon-" + Guid.NewGuid().ToString("N") + ".tsv"));
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.UnreadableInput);
    }
}
