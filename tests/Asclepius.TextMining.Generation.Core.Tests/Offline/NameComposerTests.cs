using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class NameComposerTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"asclepius-compose-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        if (File.Exists(_file)) File.Delete(_file);
    }

    private static readonly IReadOnlyList<IReadOnlyList<string>> Parts = [["hepatic", "renal", "cardiac"], [" "], ["necrosis", "fibrosis", "injury"]];

    [Fact]
    public void Composed_names_are_distinct_deterministic_and_never_a_known_surface()
    {
        var known = new HashSet<string>(["renal injury"], StringComparer.OrdinalIgnoreCase);
        var a = NameComposer.Compose(Parts, 20, 5, known);
        a.Should().HaveCount(8, "3 x 3 combinations, one of them a lexicon surface");
        a.Should().OnlyHaveUniqueItems().And.NotContain("renal injury").And.Contain("hepatic fibrosis");
        NameComposer.Compose(Parts, 20, 5, known).Should().Equal(a);
        NameComposer.Compose(Parts, 4, 5, known).Should().HaveCount(4);
    }

    [Theory]
    [InlineData("""{"Drug":{"count":1,"seed":1,"parts":[["a"]]}}""", "unknown label 'Drug'")]
    [InlineData("""{"Disease":{"count":1,"seed":1,"parts":[["a"]],"share":0.5}}""", "unknown key 'share'")]
    [InlineData("""{"Disease":{"count":1,"seed":1,"parts":[]}}""", "'parts' must be a non-empty array")]
    [InlineData("""{"Disease":{"count":1,"seed":1,"parts":[["a", 2]]}}""", "parts[0] must be a non-empty array of strings")]
    [InlineData("""{"Disease":{"count":"many","seed":1,"parts":[["a"]]}}""", "'count' must be an integer")]
    [InlineData("""{"Disease":""", "not valid JSON")]
    [InlineData("""{"Disease":{"count":1,"seed":1,"parts":[["a"]],"share":0.5}}""", "unknown key 'share'; allowed keys: count, seed, parts")]
    [InlineData("""{"Disease":{"count":1,"count":2,"seed":1,"parts":[["a"]]}}""", "key 'count' appears twice")]
    [InlineData("""{"Disease":null}""", "must be an object with count, seed, parts")]
    public void A_bad_compose_file_is_an_error_naming_it(string json, string reason)
    {
        File.WriteAllText(_file, json);
        var act = () => NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>());
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains(_file) && e.Message.Contains(reason));
    }

    [Fact]
    public void A_schema_without_a_compose_file_composes_nothing() =>
        NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>()).Should().BeEmpty();
}
