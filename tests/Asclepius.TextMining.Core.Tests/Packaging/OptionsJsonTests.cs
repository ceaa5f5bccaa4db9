using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Core.Tests.Packaging;

public sealed class OptionsJsonTests
{
    public enum Kind { Fast, VerySlow }

    public sealed record Sample
    {
        public int Epochs { get; init; } = 3;
        public Kind Trainer { get; init; } = Kind.Fast;
        public TimeSpan? TimeLimit { get; init; }
    }

    [Fact]
    public void Options_round_trip_in_snake_case_and_missing_keys_keep_their_defaults()
    {
        var options = new Sample { Epochs = 7, Trainer = Kind.VerySlow, TimeLimit = TimeSpan.FromMinutes(5) };
        var json = OptionsJson.Write(options);
        json.Should().Contain("\"time_limit\"").And.Contain("\"very_slow\"");
        OptionsJson.Read<Sample>(json, "x", "test").Should().Be(options);
        OptionsJson.Read<Sample>("{\"epochs\": 2}", "x", "test").Should().Be(new Sample { Epochs = 2 });
        OptionsJson.WriteNode(options).ToJsonString().Should().Contain("\"trainer\":\"very_slow\"");
    }

    [Fact]
    public void An_unknown_key_is_a_package_error_that_lists_the_allowed_keys()
    {
        var act = () => OptionsJson.Read<Sample>("{\"epochs\": 2, \"epoch\": 3}", "m.zip!components/ner/options.json", "test");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed
            && e.Message.Contains("unknown test option(s) epoch;") && e.Message.Contains("allowed: epochs, time_limit, trainer")
            && e.Location == "m.zip!components/ner/options.json");
    }

    [Theory]
    [InlineData("{\"epochs\": 2, \"epochs\": 3}")]
    [InlineData("{\"epochs\": \"two\"}")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("{\"epochs\": 2")]
    public void Duplicate_keys_wrong_types_and_broken_json_are_package_errors(string json)
    {
        var act = () => OptionsJson.Read<Sample>(json, "x", "test");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("test options are malformed"));
    }
}
