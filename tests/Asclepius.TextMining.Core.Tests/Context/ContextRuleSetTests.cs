using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Tests.Context;

public sealed class ContextRuleSetTests
{
    private static string File(string rules, string top = "") =>
        $$"""{ "format": "asclepius-context-rules", "version": 1, {{top}} "rules": [ {{rules}} ] }""";

    private static TextMiningException Fails(string json) =>
        FluentActions.Invoking(() => ContextRuleSet.Parse(json, "my-rules.json")).Should().Throw<TextMiningException>().Which;

    [Fact]
    public void Shipped_rules_load_and_cover_every_category()
    {
        var rules = ContextRuleSet.Default;
        rules.Rules.Select(r => r.Category).Distinct().Should().BeEquivalentTo(Enum.GetValues<ContextCategory>());
        rules.Rules.Count.Should().BeGreaterThan(300);
    }

    [Fact]
    public void Unknown_rule_key_is_an_error_that_lists_the_allowed_keys_and_names_file_and_rule()
    {
        var ex = Fails(File("""{ "literal": "no", "category": "negated", "direction": "forward" }, { "literal": "denies", "category": "negated", "directon": "forward" }"""));
        ex.Code.Should().Be(ErrorCodes.RulesInvalid);
        ex.Message.Should().Contain("my-rules.json: rules[1]").And.Contain("'directon'").And.Contain("allowed keys: literal, category, direction");
    }

    [Fact]
    public void Unknown_top_level_key_is_an_error()
    {
        Fails(File("""{ "literal": "no", "category": "negated", "direction": "forward" }""", "\"maxscope\": 3,")).Message
            .Should().Contain("'maxscope'").And.Contain("max_scope");
    }

    [Theory]
    [InlineData("""{ "literal": "no", "category": "negative", "direction": "forward" }""", "unknown category 'negative'")]
    [InlineData("""{ "literal": "no", "category": "negated" }""", "'direction' is required")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "sideways" }""", "unknown direction 'sideways'")]
    [InlineData("""{ "literal": "but", "category": "terminate", "direction": "forward" }""", "takes no 'direction'")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "forward", "terminates": ["negated"] }""", "only a terminate rule")]
    [InlineData("""{ "literal": "but", "category": "terminate", "terminates": ["pseudo"] }""", "has no scope")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "forward", "max_scope": 0 }""", "between 1 and 500")]
    [InlineData("""{ "literal": "  ", "category": "negated", "direction": "forward" }""", "'literal' is required")]
    [InlineData("""{ "literal": "no", "category": "negated", "direction": "forward" }, { "literal": "NO", "category": "negated", "direction": "backward" }""", "already a negated rule (rules[0])")]
    public void Invalid_rules_are_refused_with_the_reason(string rules, string reason)
    {
        var ex = Fails(File(rules));
        ex.Code.Should().Be(ErrorCodes.RulesInvalid);
        ex.Message.Should().Contain(reason).And.Contain("my-rules.json");
    }

    [Fact]
    public void Newer_version_and_wrong_format_are_refused()
    {
        Fails("""{ "format": "asclepius-context-rules", "version": 2, "rules": [] }""").Message.Should().Contain("newer");
        Fails("""{ "format": "medspacy", "version": 1, "rules": [] }""").Message.Should().Contain("'format' must be");
        Fails("""{ "format": "asclepius-context-rules", "version": 1, "rules": [ ], }""").Message.Should().Contain("not valid JSON");
    }

    [Fact]
    public void Literals_are_tokenized_like_text()
    {
        var rules = ContextRuleSet.Parse(File("""{ "literal": "H/O", "category": "historical", "direction": "forward" }"""));
        rules.Rules[0].Tokens.Should().Equal("h", "/", "o");
        rules.Json.Should().Contain("H/O", "the package stores the file as written");
    }
}
