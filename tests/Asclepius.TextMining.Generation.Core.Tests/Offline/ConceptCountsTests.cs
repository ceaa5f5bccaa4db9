using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class ConceptCountsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "asclepius-counts-" + Guid.NewGuid().ToString("N") + ".tsv");

    public void Dispose() => File.Delete(_path);

    private ConceptCounts Load(string text)
    {
        File.WriteAllText(_path, text);
        return ConceptCounts.Load(_path, [OfflineFixtures.Chemicals, OfflineFixtures.Diseases]);
    }

    [Fact]
    public void Counts_are_read_by_lexicon_and_preferred_name_and_a_concept_without_a_row_counts_zero()
    {
        var counts = Load("lexicon\tname\tcount\nchem\tlithium\t12\ndis\tnausea\t0\n\ndis\tseizures\t7\n");

        counts.Rows.Should().Be(3);
        counts.Count("chem", "lithium").Should().Be(12);
        counts.Count("dis", "seizures").Should().Be(7);
        counts.Count("chem", "aspirin").Should().Be(0);
        counts.Count("dis", "lithium").Should().Be(0, "a count belongs to one lexicon");
    }

    [Theory]
    [InlineData("name\tcount\nlithium\t1\n", ErrorCodes.MissingColumn, 1, "header")]
    [InlineData("lexicon\tname\tcount\nchem\tlithium\n", ErrorCodes.MissingColumn, 2, "3 tab-separated columns")]
    [InlineData("lexicon\tname\tcount\nchem\tlithium\t1\ndrugs\tlithium\t1\n", ErrorCodes.MalformedRecord, 3, "'drugs' is not a lexicon")]
    [InlineData("lexicon\tname\tcount\nchem\tCsA\t4\n", ErrorCodes.MalformedRecord, 2, "not the name of a concept")]
    [InlineData("lexicon\tname\tcount\nchem\tlithium\t-3\n", ErrorCodes.MalformedRecord, 2, "not a whole number")]
    [InlineData("lexicon\tname\tcount\nchem\tlithium\t2.5\n", ErrorCodes.MalformedRecord, 2, "not a whole number")]
    [InlineData("lexicon\tname\tcount\nchem\tlithium\t1\nchem\tlithium\t2\n", ErrorCodes.MalformedRecord, 3, "a second row")]
    public void A_bad_line_is_an_error_naming_file_and_line(string text, string code, int line, string message)
    {
        var act = () => Load(text);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == code && e.Location == $"{_path}:{line}" && e.Message.Contains(message));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var act = () => ConceptCounts.Load(_path, [OfflineFixtures.Chemicals]);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.UnreadableInput && e.Location == _path);
    }
}
