using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

public sealed class ConstrainedViterbiTests
{
    private static readonly IReadOnlyList<string> Tags = TagCodec.TagsFor(new[] { "Chemical", "Disease" }, TagScheme.Bilou);

    [Fact]
    public void Decoding_returns_only_valid_BILOU_sequences_even_when_emissions_favour_invalid_ones()
    {
        var crf = Constrained(Tags);
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var length = random.Next(1, 12);
            var emissions = new float[length * Tags.Count];
            for (var i = 0; i < emissions.Length; i++) emissions[i] = (float)(random.NextDouble() * 10 - 5);
            // Push toward invalid moves: I-/L- everywhere.
            for (var t = 0; t < length; t++) emissions[t * Tags.Count + Tags.ToList().IndexOf("I-Disease")] += 4;

            var path = ConstrainedViterbi.Decode(emissions, 0, length, crf).Select(i => Tags[i]).ToArray();

            IsValid(path).Should().BeTrue(string.Join(" ", path));
        }
    }

    [Fact]
    public void Decoding_finds_the_best_valid_sequence()
    {
        var tags = TagCodec.TagsFor(new[] { "X" }, TagScheme.Bilou); // O B I L U
        var crf = Constrained(tags);
        var random = new Random(9);
        for (var trial = 0; trial < 50; trial++)
        {
            const int length = 4;
            var emissions = new float[length * tags.Count];
            for (var i = 0; i < emissions.Length; i++) emissions[i] = (float)(random.NextDouble() * 6 - 3);
            var best = double.NegativeInfinity;
            int[]? bestPath = null;
            foreach (var p in AllPaths(tags.Count, length))
            {
                var names = p.Select(i => tags[i]).ToArray();
                if (!IsValid(names)) continue;
                var s = p.Select((tag, t) => (double)emissions[t * tags.Count + tag]).Sum();
                if (s > best) { best = s; bestPath = p; }
            }
            ConstrainedViterbi.Decode(emissions, 0, length, crf).Should().Equal(bestPath);
        }
    }

    private static CrfWeights Constrained(IReadOnlyList<string> tags)
    {
        var k = tags.Count;
        var transitions = new float[k * k];
        var start = new float[k];
        var end = new float[k];
        for (var i = 0; i < k; i++)
        {
            start[i] = TagCodec.IsValidStart(tags[i], TagScheme.Bilou) ? 0 : float.NegativeInfinity;
            end[i] = TagCodec.IsValidEnd(tags[i], TagScheme.Bilou) ? 0 : float.NegativeInfinity;
            for (var j = 0; j < k; j++)
                transitions[i * k + j] = TagCodec.IsValidTransition(tags[i], tags[j], TagScheme.Bilou) ? 0 : float.NegativeInfinity;
        }
        return new CrfWeights(k, transitions, start, end);
    }

    private static bool IsValid(IReadOnlyList<string> path)
    {
        if (!TagCodec.IsValidStart(path[0], TagScheme.Bilou) || !TagCodec.IsValidEnd(path[^1], TagScheme.Bilou)) return false;
        for (var t = 1; t < path.Count; t++)
            if (!TagCodec.IsValidTransition(path[t - 1], path[t], TagScheme.Bilou)) return false;
        return true;
    }

    private static IEnumerable<int[]> AllPaths(int k, int length)
    {
        var total = (int)Math.Pow(k, length);
        for (var n = 0; n < total; n++)
        {
            var path = new int[length];
            var x = n;
            for (var t = 0; t < length; t++) { path[t] = x % k; x /= k; }
            yield return path;
        }
    }
}
