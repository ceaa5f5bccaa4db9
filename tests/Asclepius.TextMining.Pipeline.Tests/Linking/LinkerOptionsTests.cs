using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Linking;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

public sealed class LinkerOptionsTests
{
    [Theory]
    [InlineData("""{"labels":{"Chemical":{"domain":["Drug"]}}}""", "l.json: labels.Chemical", "unknown key 'domain'; allowed keys: domains, vocabularies")]
    [InlineData("""{"treshold":0.5}""", "l.json", "unknown key 'treshold'; allowed keys: threshold, labels")]
    [InlineData("""{"threshold":"high"}""", "l.json", "'threshold' must be a number")]
    [InlineData("""{"labels":{"Chemical":{"domains":["Drug", 7]}}}""", "l.json: labels.Chemical", "'domains[1]' must be a string")]
    [InlineData("""{"labels":{"A":{},"A":{}}}""", "l.json: labels", "key 'A' appears twice")]
    public void Errors_name_the_label_and_list_the_allowed_keys(string json, string where, string reason)
    {
        var ex = FluentActions.Invoking(() => LinkerOptions.Parse(json, "l.json")).Should().Throw<TextMiningException>().Which;
        ex.Code.Should().Be(ErrorCodes.VocabularyInvalid);
        ex.Message.Should().Contain(where).And.Contain(reason);
    }
}
