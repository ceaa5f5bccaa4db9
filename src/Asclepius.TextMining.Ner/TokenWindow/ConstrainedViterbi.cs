using Asclepius.TextMining.Core.Tagging;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Best tag sequence under per-token scores (log-probabilities) where only transitions that
/// <see cref="TagCodec"/> calls valid are allowed, so the output is always a well-formed BILOU (or BIO)
/// sequence: no I- without a B-, no chunk left open. Immutable; <see cref="Decode"/> is thread-safe.
/// </summary>
public sealed class ConstrainedViterbi
{
    private readonly int _c;
    private readonly bool[] _allowed;   // [prev * C + next]
    private readonly bool[] _start;
    private readonly bool[] _end;

    public ConstrainedViterbi(IReadOnlyList<string> tags, TagScheme scheme)
    {
        _c = tags.Count;
        _allowed = new bool[_c * _c];
        _start = new bool[_c];
        _end = new bool[_c];
        for (var p = 0; p < _c; p++)
        {
            _start[p] = TagCodec.IsValidStart(tags[p], scheme);
            _end[p] = TagCodec.IsValidEnd(tags[p], scheme);
            for (var n = 0; n < _c; n++) _allowed[p * _c + n] = TagCodec.IsValidTransition(tags[p], tags[n], scheme);
        }
    }

    /// <summary>
    /// <paramref name="scores"/>: [token * C + tag]; writes the best tag index per token into <paramref name="path"/>.
    /// Falls back to the per-token argmax only if no valid path exists (cannot happen when an O tag exists).
    /// </summary>
    public void Decode(ReadOnlySpan<float> scores, int tokens, Span<int> path)
    {
        if (tokens == 0) return;
        var c = _c;
        var delta = new float[tokens * c];
        var back = new int[tokens * c];
        for (var j = 0; j < c; j++) delta[j] = _start[j] ? scores[j] : float.NegativeInfinity;
        for (var t = 1; t < tokens; t++)
        {
            var row = t * c;
            var prevRow = row - c;
            for (var j = 0; j < c; j++)
            {
                var best = float.NegativeInfinity;
                var arg = 0;
                for (var i = 0; i < c; i++)
                {
                    if (!_allowed[i * c + j]) continue;
                    var v = delta[prevRow + i];
                    if (v > best) { best = v; arg = i; }
                }
                delta[row + j] = best + scores[row + j];
                back[row + j] = arg;
            }
        }
        var last = (tokens - 1) * c;
        var bestEnd = float.NegativeInfinity;
        var end = -1;
        for (var j = 0; j < c; j++)
            if (_end[j] && delta[last + j] > bestEnd) { bestEnd = delta[last + j]; end = j; }
        if (end < 0)
        {
            for (var t = 0; t < tokens; t++) path[t] = ArgMax(scores.Slice(t * c, c));
            return;
        }
        path[tokens - 1] = end;
        for (var t = tokens - 1; t > 0; t--) path[t - 1] = back[t * c + path[t]];
    }

    private static int ArgMax(ReadOnlySpan<float> s)
    {
        var arg = 0;
        for (var i = 1; i < s.Length; i++) if (s[i] > s[arg]) arg = i;
        return arg;
    }
}
