using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Core.Tests.Schema;

public class LabelSchemaTests
{
    private const string Good = """
        {"name":"chemical-disease","version":1,
         "entities":[{"label":"Chemical"},{"label":"Disease","lexicon":"lexicons/diseases.tsv"}],
         "relations":[{"label":"CID","pairs":[["Chemical","Disease"]]}]}
        """;

    [Fact]
    public void Parses_and_round_trips()
    {
        var schema = LabelSchema.Parse(Good);
        schema.EntityLabels.Should().Equal("Chemical", "Disease");
        schema.RelationsAllowed("Chemical", "Disease").Should().Equal("CID");
        schema.RelationsAllowed("Disease", "Chemical").Should().BeEmpty();
        LabelSchema.Parse(schema.ToJson()).ToJson().Should().Be(schema.ToJson());
    }

    [Theory]
    [InlineData("""{"name":"x","entities":[{"label":"A"}],"colour":1}""", "unknown key 'colour'; allowed keys: name, version, description, entities, relations")]
    [InlineData("""{"name":"x","entities":[{"label":"A","lexcon":"a"}]}""", "unknown key 'lexcon'")]
    [InlineData("""{"name":"x","entities":[{"label":"A"},{"label":"A"}]}""", "defined twice")]
    [InlineData("""{"name":"x","entities":[{"label":"A"}],"relations":[{"label":"R","pairs":[["A","B"]]}]}""", "'B', which is not defined; defined labels: A")]
    [InlineData("""{"name":"x","entities":[]}""", "non-empty array")]
    [InlineData("""{"entities":[{"label":"A"}]}""", "'name' is required")]
    [InlineData("""not json""", "not valid JSON")]
    public void Rejects_bad_schemas_with_what_is_allowed(string json, string expected)
    {
        var act = () => LabelSchema.Parse(json, "s.json");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.SchemaInvalid && e.Message.Contains(expected));
    }

    [Theory]
    [InlineData("""{"name":"x","name":"y","entities":[{"label":"A"}]}""", "key 'name' appears twice")]
    [InlineData("""{"name":"x","entities":[{"label":"A","description":5}]}""", "'description' must be a string")]
    [InlineData("""{"name":"x","version":"1","entities":[{"label":"A"}]}""", "'version' must be a whole number")]
    [InlineData("""{"name":"x","entities":[{"label":"A"}],"relations":[{"label":"R","pairs":[["A",3]]}]}""", "'pairs[0][1]' must be a string")]
    [InlineData("""[]""", "the file must hold one JSON object")]
    public void Duplicate_keys_and_wrong_types_are_schema_errors_naming_the_key(string json, string expected)
    {
        var act = () => LabelSchema.Parse(json, "s.json");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.SchemaInvalid && e.Message.Contains(expected) && e.Message.Contains("s.json"));
    }

    [Fact]
    public void Entity_and_relation_labels_are_separate_namespaces()
    {
        // ADE-Corpus-V2 names both the effect mention and the drug→effect relation "AdverseEffect".
        var schema = LabelSchema.Parse("""{"name":"drug-ade","entities":[{"label":"Drug"},{"label":"AdverseEffect"}],"relations":[{"label":"AdverseEffect","pairs":[["Drug","AdverseEffect"]]}]}""");
        schema.RelationsAllowed("Drug", "AdverseEffect").Should().Equal("AdverseEffect");
    }
}
