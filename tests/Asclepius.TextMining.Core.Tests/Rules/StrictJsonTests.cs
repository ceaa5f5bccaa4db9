using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Core.Tests.Rules;

/// <summary>What System.Text.Json refuses, worded by StrictJson as the rule files' errors always were.</summary>
public sealed class StrictJsonTests
{
    private static string Context(string rules, string top = "") =>
        $$"""{ "format": "asclepius-context-rules", "version": 1, {{top}} "rules": [ {{rules}} ] }""";

    private static TextMiningException Fails(Action parse)
    {
        var ex = FluentActions.Invoking(parse).Should().Throw<TextMiningException>().Which;
        ex.Code.Should().Be(ErrorCodes.RulesInvalid);
        return ex;
    }

    [Fact]
    public void A_duplicate_key_is_named_with_the_rule_it_is_in()
    {
        Fails(() => ContextRuleSet.Parse(Context("""{ "literal": "no", "category": "negated", "category": "uncertain", "direction": "forward" }"""), "c.json"))
            .Message.Should().Contain("c.json: rules[0]").And.Contain("key 'category' appears twice");
    }

    [Theory]
    [InlineData("""{ "literal": 5, "category": "negated", "direction": "forward" }""", "", "c.json: rules[0]", "'literal' must be a string")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "forward", "max_scope": 2.5 }""", "", "c.json: rules[0]", "'max_scope' must be a whole number")]
    [InlineData("""{ "literal": "but", "category": "terminate", "terminates": ["negated", 3] }""", "", "c.json: rules[0]", "'terminates[1]' must be a string")]
    [InlineData("""7""", "", "c.json: ", "'rules[0]' must be an object")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "forward" }""", "\"max_scope\": \"12\",", "c.json", "'max_scope' must be a whole number")]
    public void A_value_of_the_wrong_type_is_named_by_its_key(string rules, string top, string where, string reason)
    {
        Fails(() => ContextRuleSet.Parse(Context(rules, top), "c.json")).Message.Should().Contain(where).And.Contain(reason);
    }

    [Fact]
    public void An_unknown_key_in_a_section_lists_the_keys_of_a_section()
    {
        const string json = """{ "format": "asclepius-section-rules", "version": 1, "sections": [ { "name": "hpi", "title": "HPI", "aliases": ["hpi"], "alias": "x" } ] }""";
        Fails(() => SectionRuleSet.Parse(json, "s.json")).Message.Should().Contain("s.json: sections[0]")
            .And.Contain("unknown key 'alias'; allowed keys: name, title, loinc, omop_concept_id, aliases, assertions, comment");
    }

    [Fact]
    public void Not_an_object_and_not_json_are_refused()
    {
        Fails(() => ContextRuleSet.Parse("[1]", "c.json")).Message.Should().Contain("the file must hold one JSON object");
        Fails(() => ContextRuleSet.Parse("null", "c.json")).Message.Should().Contain("the file must hold one JSON object");
        Fails(() => ContextRuleSet.Parse("{ \"format\": \n \"x\" // note\n }", "c.json")).Message.Should().Contain("not valid JSON").And.Contain("c.json:");
    }
}
