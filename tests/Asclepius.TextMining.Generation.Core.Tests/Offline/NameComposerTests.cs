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
    public void A_label_may_have_several_composers_whose_names_are_joined_in_order()
    {
        File.WriteAllText(_file, """
            {"Disease": [
              {"count": 4, "seed": 1, "parts": [["hepatic", "renal"], [" "], ["necrosis", "injury"]]},
              {"count": 10, "seed": 2, "parts": [["knee", "hip", "renal"], [" "], ["pain", "injury"]]}
            ]}
            """);
        var names = NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>(["hip pain"], StringComparer.OrdinalIgnoreCase))["Disease"];

        names.Take(4).Should().BeEquivalentTo(["hepatic necrosis", "hepatic injury", "renal necrosis", "renal injury"]);
        names.Skip(4).Should().BeEquivalentTo(["knee pain", "knee injury", "hip injury", "renal pain"], "the second composer's 'renal injury' is already there and 'hip pain' is a lexicon surface");
        var single = """{"Disease": {"count": 4, "seed": 1, "parts": [["hepatic", "renal"], [" "], ["necrosis", "injury"]]}}""";
        File.WriteAllText(_file, single);
        NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>())["Disease"].Should().Equal(names.Take(4), "an object is the one-composer case, same names");
    }

    [Theory]
    [InlineData("""{"Disease":[]}""", "non-empty array", "Disease")]
    [InlineData("""{"Disease":{"count":1,"seed":1,"parts":[["a"]]},"Disease":[{"count":1,"seed":1,"parts":[["b"]]}]}""", "key 'Disease' appears twice", "Disease")]
    [InlineData("""{"Disease":[{"count":1,"seed":1,"parts":[["a"]]}, {"count":1,"seed":1,"parts":[["b"]],"share":1}]}""", "unknown key 'share'", "Disease[1]")]
    [InlineData("""{"Disease":[{"count":1,"seed":1,"parts":[["a"]]}, 3]}""", "must be an object with count, seed, parts", "Disease[1]")]
    [InlineData("""{"Disease":[{"count":1,"seed":1,"parts":[["a"]]}, {"count":-1,"seed":1,"parts":[["b"]]}]}""", "'count' must be >= 0", "Disease[1]")]
    public void A_bad_composer_in_an_array_is_an_error_naming_its_index(string json, string reason, string where)
    {
        File.WriteAllText(_file, json);
        var act = () => NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>());
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains(_file) && e.Message.Contains(reason) && e.Message.Contains(where));
    }

    [Fact]
    public void A_schema_without_a_compose_file_composes_nothing() =>
        NameComposer.Load(_file, OfflineFixtures.Schema, new HashSet<string>()).Should().BeEmpty();
}
