namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Stable 64-bit hashing for feature strings. Never string.GetHashCode (randomized per process): a saved
/// model must map the same feature to the same weight in every process, on every machine. Changing any
/// constant here changes every feature index, so it would be a new component kind (.v2).
/// </summary>
internal static class FeatureHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>FNV-1a over UTF-16 code units.</summary>
    public static ulong Of(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h ^= c;
            h *= FnvPrime;
        }
        return h;
    }

    /// <summary>Order-sensitive combination of two hashes (boost's hash_combine, then a full avalanche).</summary>
    public static ulong Mix(ulong a, ulong b) => Avalanche(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    /// <summary>MurmurHash3's 64-bit finalizer: every input bit affects every output bit.</summary>
    public static ulong Avalanche(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
