using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Tokenization;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Tests.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.Transformer;

public sealed class PairEncoderTests
{
    private static readonly IReadOnlyList<string> Vocabulary = TinyRelationEncoder.Vocabulary;
    private static readonly EntityMarkers Markers = new(["Disease", "Chemical"], Vocabulary);

    [Fact]
    public void Typed_markers_enclose_each_mention_and_the_pair_points_at_the_start_markers()
    {
        var doc = Docs.Annotated("m", "Patients developed seizures induced by cocaine therapy.", ("seizures", "Disease"), ("cocaine", "Chemical"));
        var (pieces, input) = Encode(doc, maxPieces: 60);
        // Chemical takes slots 0-3 and Disease 4-7 (ordinal order); head = Chemical: [unused0] … [unused1], tail = Disease: [unused6] … [unused7].
        string.Join(" ", pieces).Should().Be("patients developed [unused6] seizures [unused7] induced by [unused0] cocaine [unused1] therapy .");
        pieces[input.HeadMarker].Should().Be("[unused0]");
        pieces[input.TailMarker].Should().Be("[unused6]");
    }

    [Fact]
    public void A_context_longer_than_the_budget_keeps_both_mentions_and_their_markers()
    {
        var filler = string.Join(" ", Enumerable.Repeat("patients developed", 30));
        var text = $"Cocaine was given. {filler} seizures.";
        var doc = Docs.Annotated("l", text.Replace(". ", " and "), ("Cocaine", "Chemical"), ("seizures", "Disease"));
        var (pieces, input) = Encode(doc, maxPieces: 24);
        pieces.Should().HaveCount(24);
        pieces[input.HeadMarker].Should().Be("[unused0]");
        pieces[input.HeadMarker + 1].Should().Be("cocaine");
        pieces[input.TailMarker].Should().Be("[unused6]");
        pieces[input.TailMarker + 1].Should().Be("seizures");
    }

    [Fact]
    public void A_vocabulary_without_enough_unused_slots_is_refused()
    {
        var act = () => new EntityMarkers(["A", "B", "C"], Vocabulary); // 12 slots needed, 8 there
        act.Should().Throw<Core.Errors.TextMiningException>().Where(e => e.Message.Contains("[unused8]"));
    }

    private static (string[] Pieces, PairInput Input) Encode(Core.Documents.AnnotatedDocument doc, int maxPieces)
    {
        var tokens = ClinicalTokenizer.Default.Tokenize(doc.Text);
        var candidate = new CandidateFinder(RelationFixtures.Schema, 0).Find(tokens, doc.Entities).Single();
        var encoder = new PairEncoder(new WordPieceTokenizer(Vocabulary), Markers, maxPieces);
        var input = encoder.Encode(new PairEncoder.Context(tokens), candidate)!;
        return (input.Pieces.Select(id => Vocabulary[id]).ToArray(), input);
    }
}
