namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Maps feature strings to indexes in [0, 2^bits) with 32-bit FNV-1a. Stable across processes and
/// machines (string.GetHashCode is randomized per process and would break saved models).
/// </summary>
public sealed class FeatureHasher(int bits)
{
    private readonly uint _mask = (1u << bits) - 1;

    public int Bits => bits;
    public int Dimension => 1 << bits;

    public int Index(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value)
    {
        var h = 2166136261u;
        foreach (var c in prefix) h = (h ^ c) * 16777619u;
        h = (h ^ '=') * 16777619u;
        foreach (var c in value) h = (h ^ c) * 16777619u;
        return (int)(h & _mask);
    }
}
