namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Best tag sequence under a linear-chain CRF. Forbidden moves are −∞ in <see cref="CrfWeights"/>, so the
/// result is always a valid BILOU sequence (all-O is always allowed, so a valid path always exists).
/// </summary>
internal static class ConstrainedViterbi
{
    /// <param name="emissions">Row-major [T,K] scores starting at <paramref name="offset"/>.</param>
    public static int[] Decode(ReadOnlySpan<float> emissions, int offset, int length, CrfWeights crf)
    {
        var k = crf.TagCount;
        var path = new int[length];
        if (length == 0) return path;
        var score = new double[k];
        var next = new double[k];
        var back = new int[length * k];
        for (var j = 0; j < k; j++) score[j] = crf.Start[j] + emissions[offset + j];
        for (var t = 1; t < length; t++)
        {
            var row = offset + t * k;
            for (var j = 0; j < k; j++)
            {
                var best = double.NegativeInfinity;
                var arg = 0;
                for (var i = 0; i < k; i++)
                {
                    var s = score[i] + crf.Transitions[i * k + j];
                    if (s > best) { best = s; arg = i; }
                }
                next[j] = best + emissions[row + j];
                back[t * k + j] = arg;
            }
            (score, next) = (next, score);
        }
        var bestEnd = double.NegativeInfinity;
        var last = 0;
        for (var j = 0; j < k; j++)
        {
            var s = score[j] + crf.End[j];
            if (s > bestEnd) { bestEnd = s; last = j; }
        }
        path[length - 1] = last;
        for (var t = length - 1; t > 0; t--) path[t - 1] = back[t * k + path[t]];
        return path;
    }
}
