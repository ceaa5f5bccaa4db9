using System.Runtime.CompilerServices;

namespace Asclepius.TextMining.Generation.Validation;

/// <summary>
/// Remembers kept texts and tells whether a new one repeats one of them: exactly (after normalization)
/// or nearly (Jaccard similarity of character 5-gram sets ≥ threshold, 0.9 by default).
/// Near duplicates are found with MinHash locality-sensitive hashing: 60 min-hashes in 10 bands of 6
/// rows, so a pair at Jaccard 0.9 shares a band with probability 0.9995 and a pair at 0.5 only 0.15;
/// every candidate is then confirmed with the exact Jaccard, so the threshold is exact and lookups
/// stay near constant time at 100k texts. Memory: the normalized texts plus ~50 bytes per text.
/// Not thread-safe: the runner calls it from one place, in batch order.
/// </summary>
public sealed partial class DuplicateIndex
{
    private const int Bands = 10;
    private const int Rows = 6;
    private const int Hashes = Bands * Rows;
    private static readonly ulong[] Salts = MakeSalts();

    private readonly double _threshold;
    private readonly bool _ignoreNumbers;
    private readonly int _n;
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _texts = new();
    private readonly Dictionary<ulong, int>[] _bandHeads = Enumerable.Range(0, Bands).Select(_ => new Dictionary<ulong, int>()).ToArray();
    private readonly List<int> _next = new(); // chains per band: _next[doc * Bands + band] = previous doc with the same band key, or -1

    /// <param name="ignoreNumbers">Near duplicates are compared with every run of digits as "0", so that
    /// "K+ 3.1 after 20 mg" and "K+ 3.4 after 40 mg" are one sentence (a model asked for variety that changes
    /// only a number adds nothing); exact duplicates still compare the digits.</param>
    public DuplicateIndex(double threshold = 0.9, int shingleSize = 5, bool ignoreNumbers = false)
    {
        _ignoreNumbers = ignoreNumbers;
        if (threshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(threshold));
        if (shingleSize < 1) throw new ArgumentOutOfRangeException(nameof(shingleSize));
        _threshold = threshold;
        _n = shingleSize;
    }

    public int Count => _texts.Count;

    /// <summary>Exact Jaccard computations made so far: how well the LSH prunes (a quadratic index would make ~n²/2).</summary>
    public long Comparisons { get; private set; }

    /// <summary>How the text would be classed, without remembering it.</summary>
    public DuplicateKind Check(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (_exact.Contains(normalized)) return DuplicateKind.Exact;
        var near = NearForm(normalized);
        return FindNear(near, BandKeys(ShingleHashes(near, _n))) ? DuplicateKind.Near : DuplicateKind.None;
    }

    /// <summary>Remembers the text unless it duplicates one already kept; returns what it was.</summary>
    public DuplicateKind TryAdd(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (_exact.Contains(normalized)) return DuplicateKind.Exact;
        var near = NearForm(normalized);
        var keys = BandKeys(ShingleHashes(near, _n));
        if (FindNear(near, keys)) return DuplicateKind.Near;
        Add(normalized, near, keys);
        return DuplicateKind.None;
    }

    /// <summary>Remembers a text without checking (reloading a run's own output, which was checked when written).</summary>
    public void AddUnchecked(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (_exact.Contains(normalized)) return;
        var near = NearForm(normalized);
        Add(normalized, near, BandKeys(ShingleHashes(near, _n)));
    }

    public static double Jaccard(string a, string b, int shingleSize = 5)
    {
        var sa = ShinglesOf(TextNormalizer.Normalize(a), shingleSize);
        var sb = ShinglesOf(TextNormalizer.Normalize(b), shingleSize);
        return Jaccard(sa, sb);
    }

    private string NearForm(string normalized) => _ignoreNumbers ? Digits().Replace(normalized, "0") : normalized;

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    private void Add(string normalized, string near, ulong[] keys)
    {
        var doc = _texts.Count;
        _texts.Add(near);
        _exact.Add(normalized);
        for (var b = 0; b < Bands; b++)
        {
            _next.Add(_bandHeads[b].TryGetValue(keys[b], out var prev) ? prev : -1);
            _bandHeads[b][keys[b]] = doc;
        }
    }

    private bool FindNear(string normalized, ulong[] keys)
    {
        HashSet<int>? tried = null;
        HashSet<ulong>? shingles = null; // built only when some kept text shares a band
        for (var b = 0; b < Bands; b++)
        {
            if (!_bandHeads[b].TryGetValue(keys[b], out var doc)) continue;
            for (; doc >= 0; doc = _next[doc * Bands + b])
            {
                tried ??= new HashSet<int>();
                if (!tried.Add(doc)) continue;
                Comparisons++;
                shingles ??= ShinglesOf(normalized, _n);
                if (Jaccard(shingles, ShinglesOf(_texts[doc], _n)) >= _threshold) return true;
            }
        }
        return false;
    }

    private static HashSet<ulong> ShinglesOf(string s, int n) => new(ShingleHashes(s, n));

    /// <summary>The hash of every character n-gram, repeats included (they do not change a minimum).</summary>
    private static ulong[] ShingleHashes(string s, int n)
    {
        if (s.Length <= n) return [Fnv(s, 0, s.Length)];
        var hashes = new ulong[s.Length - n + 1];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = Fnv(s, i, n);
        return hashes;
    }

    private static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var inter = 0;
        foreach (var x in small) if (large.Contains(x)) inter++;
        return (double)inter / (a.Count + b.Count - inter);
    }

    private static ulong[] BandKeys(ulong[] shingles)
    {
        Span<ulong> mins = stackalloc ulong[Hashes];
        mins.Fill(ulong.MaxValue);
        foreach (var s in shingles)
            for (var h = 0; h < Hashes; h++)
            {
                var v = Mix(s ^ Salts[h]);
                if (v < mins[h]) mins[h] = v;
            }
        var keys = new ulong[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var k = 0xcbf29ce484222325UL ^ (ulong)b;
            for (var r = 0; r < Rows; r++) k = Mix(k ^ mins[b * Rows + r]);
            keys[b] = k;
        }
        return keys;
    }

    private static ulong Fnv(string s, int start, int length)
    {
        var h = 0xcbf29ce484222325UL;
        for (var i = start; i < start + length; i++)
        {
            h ^= s[i];
            h *= 0x100000001b3UL;
        }
        return h;
    }

    // splitmix64's finalizer: a cheap, well-mixed 64-bit permutation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeSalts()
    {
        var salts = new ulong[Hashes];
        var x = 0x9e3779b97f4a7c15UL;
        for (var i = 0; i < Hashes; i++) { x += 0x9e3779b97f4a7c15UL; salts[i] = Mix(x); }
        return salts;
    }
}
