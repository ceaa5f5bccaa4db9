using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Ner.TokenWindow;

namespace Asclepius.TextMining.Ner.Tests.TokenWindow;

public class ConstrainedViterbiTests
{
    private static readonly IReadOnlyList<string> Tags = TagCodec.TagsFor(["Chemical", "Disease"], TagScheme.Bilou);

    [Fact]
    public void Any_scores_decode_to_a_valid_bilou_sequence()
    {
        var viterbi = new ConstrainedViterbi(Tags, TagScheme.Bilou);
        var random = new Random(7);
        for (var trial = 0; trial < 500; trial++)
        {
            var n = random.Next(1, 12);
            var scores = new float[n * Tags.Count];
            for (var i = 0; i < scores.Length; i++) scores[i] = (float)(random.NextDouble() * 10 - 5);
            var path = new int[n];
            viterbi.Decode(scores, n, path);

            TagCodec.IsValidStart(Tags[path[0]], TagScheme.Bilou).Should().BeTrue();
            TagCodec.IsValidEnd(Tags[path[^1]], TagScheme.Bilou).Should().BeTrue();
            for (var t = 1; t < n; t++)
                TagCodec.IsValidTransition(Tags[path[t - 1]], Tags[path[t]], TagScheme.Bilou).Should().BeTrue($"{Tags[path[t - 1]]} → {Tags[path[t]]}");
        }
    }

    [Fact]
    public void Best_valid_path_beats_a_better_scoring_invalid_one()
    {
        // Per token the best tags are I-Chemical, L-Chemical (invalid start); the best valid path is B-, L-.
        var viterbi = new ConstrainedViterbi(Tags, TagScheme.Bilou);
        var scores = new float[2 * Tags.Count];
        Array.Fill(scores, -10f);
        void Set(int t, string tag, float v) => scores[t * Tags.Count + Tags.ToList().IndexOf(tag)] = v;
        Set(0, "I-Chemical", -0.1f);
        Set(0, "B-Chemical", -0.5f);
        Set(1, "L-Chemical", -0.1f);
        var path = new int[2];
        viterbi.Decode(scores, 2, path);
        path.Select(p => Tags[p]).Should().Equal("B-Chemical", "L-Chemical");
    }

    [Fact]
    public void Argmax_is_kept_when_it_is_already_valid()
    {
        var viterbi = new ConstrainedViterbi(Tags, TagScheme.Bilou);
        var want = new[] { "O", "U-Disease", "B-Chemical", "I-Chemical", "L-Chemical", "O" };
        var scores = new float[want.Length * Tags.Count];
        Array.Fill(scores, -5f);
        for (var t = 0; t < want.Length; t++) scores[t * Tags.Count + Tags.ToList().IndexOf(want[t])] = -0.01f;
        var path = new int[want.Length];
        viterbi.Decode(scores, want.Length, path);
        path.Select(p => Tags[p]).Should().Equal(want);
    }
}
