using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Tagging;

public class TagCodecTests
{
    [Fact]
    public void Encodes_bilou_and_bio_and_decodes_back()
    {
        var doc = Docs.Annotated("d", "Cisplatin induced acute renal failure .", ("Cisplatin", "Chemical"), ("acute renal failure", "Disease"));
        var tokens = ClinicalTokenizer.Default.TokenizeWords(doc.Text);

        var bilou = TagCodec.Encode(tokens, doc.Entities, TagScheme.Bilou);
        bilou.Tags.Should().Equal("U-Chemical", "O", "B-Disease", "I-Disease", "L-Disease", "O");
        bilou.Problems.Should().BeEmpty();
        TagCodec.Decode(tokens, bilou.Tags, TagScheme.Bilou).Select(s => (s.Span, s.Label))
            .Should().Equal(doc.Entities.Select(e => (e.Span, e.Label)));

        var bio = TagCodec.Encode(tokens, doc.Entities, TagScheme.Bio);
        bio.Tags.Should().Equal("B-Chemical", "O", "B-Disease", "I-Disease", "I-Disease", "O");
        TagCodec.Decode(tokens, bio.Tags, TagScheme.Bio).Should().HaveCount(2);
    }

    [Fact]
    public void Misaligned_entity_is_reported_and_not_moved()
    {
        var text = "nephrotoxicity was seen";
        var tokens = ClinicalTokenizer.Default.TokenizeWords(text);
        var entity = new Entity("T1", new TextSpan(0, 6), "Disease"); // "nephro" ends inside a token
        var result = TagCodec.Encode(tokens, [entity], TagScheme.Bilou);
        result.Tags.Should().OnlyContain(t => t == "O");
        result.Problems.Should().ContainSingle().Which.Kind.Should().Be(AlignmentProblemKind.Misaligned);
    }

    [Fact]
    public void Overlapping_entities_keep_the_longest()
    {
        var text = "acute renal failure";
        var tokens = ClinicalTokenizer.Default.TokenizeWords(text);
        var shortOne = new Entity("T1", new TextSpan(6, 19), "Disease");
        var longOne = new Entity("T2", new TextSpan(0, 19), "Disease");
        var result = TagCodec.Encode(tokens, [shortOne, longOne], TagScheme.Bilou);
        result.Tags.Should().Equal("B-Disease", "I-Disease", "L-Disease");
        result.Problems.Should().ContainSingle().Which.Entity.Id.Should().Be("T1");
    }

    [Theory]
    // conlleval: an I- after O starts a chunk; a type switch inside I- ends one chunk and starts another.
    [InlineData(new[] { "O", "I-A", "I-A", "O" }, "A:1-2")]
    [InlineData(new[] { "B-A", "I-B", "I-B" }, "A:0-0,B:1-2")]
    [InlineData(new[] { "B-A", "B-A", "I-A" }, "A:0-0,A:1-2")]
    [InlineData(new[] { "O", "B-A", "I-A" }, "A:1-2")]
    public void Decodes_invalid_bio_like_conlleval(string[] tags, string expected)
    {
        var tokens = Enumerable.Range(0, tags.Length).Select(i => new Token(i, new TextSpan(i * 2, i * 2 + 1), "x")).ToArray();
        var spans = TagCodec.Decode(tokens, tags, TagScheme.Bio);
        string.Join(",", spans.Select(s => $"{s.Label}:{s.FirstToken}-{s.LastToken}")).Should().Be(expected);
    }

    [Fact]
    public void Valid_transitions_follow_the_scheme()
    {
        TagCodec.IsValidTransition("O", "I-A", TagScheme.Bilou).Should().BeFalse();
        TagCodec.IsValidTransition("B-A", "L-A", TagScheme.Bilou).Should().BeTrue();
        TagCodec.IsValidTransition("B-A", "O", TagScheme.Bilou).Should().BeFalse();
        TagCodec.IsValidTransition("U-A", "B-B", TagScheme.Bilou).Should().BeTrue();
        TagCodec.IsValidTransition("B-A", "I-B", TagScheme.Bio).Should().BeFalse();
    }
}
