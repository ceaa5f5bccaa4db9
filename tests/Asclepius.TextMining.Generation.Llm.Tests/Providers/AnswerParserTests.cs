using Asclepius.TextMining.Generation.Llm;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm.Tests.Providers;

public sealed class AnswerParserTests
{
    private static ParsedAnswer Parse(string content, string finish = "stop") => AnswerParser.Parse(new ChatAnswer(content, null, finish, 1, 1));

    [Fact]
    public void Reads_sentences_entities_offsets_and_relations_by_index_or_text()
    {
        var p = Parse("""{"sentences":[{"text":"Rash after aspirin.","entities":[{"text":"Rash","label":"Disease","start":0,"end":4},{"text":"aspirin","label":"Chemical"}],"relations":[{"label":"CID","head":1,"tail":0},{"label":"CID","head":"aspirin","tail":"Rash"}]}]}""");
        var s = p.Samples.Single();
        s.Entities[0].Start.Should().Be(0);
        s.Entities[1].Start.Should().BeNull();
        s.Relations.Select(r => (r.Head, r.Tail)).Should().Equal((1, 0), (1, 0));
        p.Rejected.Should().BeEmpty();
    }

    [Fact]
    public void A_top_level_array_is_accepted() => Parse("""[{"text":"Rash.","entities":[{"text":"Rash","label":"Disease"}]}]""").Samples.Should().ContainSingle();

    [Fact]
    public void Wrongly_typed_sentences_are_malformed_samples()
    {
        var p = Parse("""{"sentences":[{"text":5},{"text":"ok","entities":[{"text":"ok"}]},{"text":"Rash.","entities":[{"text":"Rash","label":"Disease"}],"relations":[{"label":"CID","head":true,"tail":0}]},{"text":"Rash.","entities":[]}]}""");
        p.Samples.Should().ContainSingle();
        p.Rejected.Should().Contain(DropReasons.MalformedSample, 3);
    }

    [Fact]
    public void Non_json_truncated_refusal_and_empty_answers_are_told_apart()
    {
        Parse("not json at all").Rejected.Should().ContainKey(DropReasons.MalformedJson);
        Parse("{\"sentences\":[{\"text\":\"Rash", "length").Rejected.Should().ContainKey(DropReasons.TruncatedAnswer);
        Parse("I'm sorry, I can't do that.").Rejected.Should().ContainKey(DropReasons.Refusal);
        Parse("  ").Rejected.Should().ContainKey(DropReasons.Empty);
        Parse("{\"answer\":[]}").Rejected.Should().ContainKey(DropReasons.MalformedJson);
        AnswerParser.Parse(new ChatAnswer("", "no", "stop", 0, 0)).Rejected.Should().ContainKey(DropReasons.Refusal);
        AnswerParser.Parse(new ChatAnswer("", null, "content_filter", 0, 0)).Rejected.Should().ContainKey(DropReasons.ContentFilter);
    }
}
