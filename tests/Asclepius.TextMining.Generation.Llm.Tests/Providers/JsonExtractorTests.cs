using Asclepius.TextMining.Generation.Llm;

namespace Asclepius.TextMining.Generation.Llm.Tests.Providers;

public sealed class JsonExtractorTests
{
    [Theory]
    [InlineData("{\"sentences\":[]}")]
    [InlineData("Here it is:\n```json\n{\"sentences\":[]}\n```")]
    [InlineData("```\n{\"sentences\":[]}\n```")]
    [InlineData("Sure. {\"sentences\":[]} Let me know if you need more.")]
    [InlineData("\uFEFF  {\"sentences\":[],}")]
    public void Finds_the_answer_object(string content) =>
        JsonExtractor.FirstJson(content)!["sentences"].Should().NotBeNull();

    [Fact]
    public void Braces_inside_strings_do_not_confuse_the_scan()
    {
        var node = JsonExtractor.FirstJson("note {not json} then {\"sentences\":[{\"text\":\"a } b { \\\" c\"}]}");
        node!["sentences"]![0]!["text"]!.GetValue<string>().Should().Be("a } b { \" c");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no json here")]
    [InlineData("{\"sentences\":[{\"text\":\"cut off")]
    public void Returns_null_when_there_is_no_whole_object(string content) => JsonExtractor.FirstJson(content).Should().BeNull();
}
