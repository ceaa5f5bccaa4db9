using System.Runtime.InteropServices;

namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// Character 3-gram TF-IDF vectors of normalized terms (padded with a space at each end, as scispaCy's
/// char_wb analyzer does), L2-normalized, in an inverted index: for each 3-gram, the terms holding it and
/// their weights. A query's cosine with every term that shares a 3-gram is accumulated over those postings
/// only (sparse cosine, exact, no approximation). idf = ln((1 + n) / (1 + df)) + 1, as scikit-learn.
/// Layout (written and read by this class, after the vocabulary's own header):
/// int terms, int grams; ulong[grams] keys (three UTF-16 units, 16 bits each); float[grams] idf;
/// int[grams + 1] offsets; int[postings] term; float[postings] weight.
/// </summary>
public sealed class TrigramIndex
{
    private readonly int _terms;
    private readonly Dictionary<ulong, int> _gramIndex;
    private readonly float[] _idf;
    private readonly int[] _offsets;
    private readonly int[] _postings;
    private readonly float[] _weights;
    private readonly ThreadLocal<Accumulator> _scratch;
    private string[]? _termText;

    private TrigramIndex(int terms, ulong[] keys, float[] idf, int[] offsets, int[] postings, float[] weights)
    {
        _terms = terms;
        _gramIndex = new Dictionary<ulong, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++) _gramIndex[keys[i]] = i;
        _idf = idf;
        _offsets = offsets;
        _postings = postings;
        _weights = weights;
        _scratch = new ThreadLocal<Accumulator>(() => new Accumulator(_terms));
    }

    public int GramCount => _idf.Length;
    public int TermCount => _terms;

    /// <summary>The terms' texts, for exact rescoring (the vocabulary holds them; the index does not store them twice).</summary>
    internal void AttachTerms(string[] terms)
    {
        if (terms.Length != _terms) throw new InvalidDataException("the index was built over another number of terms");
        _termText = terms;
    }
    public long PostingCount => _postings.Length;

    public static TrigramIndex Build(IReadOnlyList<string> terms)
    {
        // Pass 1: document frequency of each 3-gram.
        var gramIds = new Dictionary<ulong, int>();
        var df = new List<int>();
        var perTerm = new (int Gram, int Count)[terms.Count][];
        var counts = new Dictionary<int, int>();
        for (var t = 0; t < terms.Count; t++)
        {
            counts.Clear();
            foreach (var key in Grams(terms[t]))
            {
                if (!gramIds.TryGetValue(key, out var g)) { g = gramIds.Count; gramIds[key] = g; df.Add(0); }
                counts[g] = counts.GetValueOrDefault(g) + 1;
            }
            var row = new (int, int)[counts.Count];
            var i = 0;
            foreach (var (g, c) in counts) { row[i++] = (g, c); df[g]++; }
            perTerm[t] = row;
        }
        // Order the grams by key so that the same terms always give the same bytes.
        var keys = gramIds.Keys.Order().ToArray();
        var remap = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++) remap[gramIds[keys[i]]] = i;
        var idf = new float[keys.Length];
        var offsets = new int[keys.Length + 1];
        foreach (var (key, g) in gramIds)
        {
            var k = remap[g];
            idf[k] = (float)(Math.Log((1.0 + terms.Count) / (1.0 + df[g])) + 1.0);
            offsets[k + 1] = df[g];
        }
        for (var i = 0; i < keys.Length; i++) offsets[i + 1] += offsets[i];
        var postings = new int[offsets[^1]];
        var weights = new float[offsets[^1]];
        var fill = offsets[..^1].ToArray();
        for (var t = 0; t < terms.Count; t++)
        {
            var row = perTerm[t];
            double norm = 0;
            foreach (var (g, c) in row) { var w = c * idf[remap[g]]; norm += w * w; }
            var inv = norm > 0 ? 1.0 / Math.Sqrt(norm) : 0;
            foreach (var (g, c) in row)
            {
                var k = remap[g];
                postings[fill[k]] = t;
                weights[fill[k]++] = (float)(c * idf[k] * inv);
            }
        }
        return new TrigramIndex(terms.Count, keys, idf, offsets, postings, weights);
    }

    /// <summary>
    /// The term most similar to <paramref name="normalized"/> among those <paramref name="accept"/> takes,
    /// with its cosine; (-1, 0) when no accepted term shares a 3-gram with it.
    /// Candidates come from the postings of the query's 3-grams, rarest first, up to <see cref="PostingBudget"/>
    /// postings (in a million names " ch" or "ine" alone hold 100,000 postings, for little idf); when some
    /// 3-grams were left out, the <see cref="Rescored"/> best candidates are scored exactly, all 3-grams
    /// included, from their text. Within the budget (every query of a vocabulary of a few thousand names)
    /// the search is exact; beyond it, a term that shares none of the query's rarer 3-grams can be missed.
    /// </summary>
    public (int Term, double Score) Search(string normalized, Func<int, bool> accept)
    {
        var query = Vector(normalized, out var queryNorm);
        if (query.Count == 0) return (-1, 0);
        // The query's 3-grams from the rarest up, while their postings fit the budget (at least one).
        var used = new List<int>(query.Count);
        var postings = 0;
        foreach (var g in query.Keys.OrderBy(g => _offsets[g + 1] - _offsets[g]).ThenBy(g => g))
        {
            var df = _offsets[g + 1] - _offsets[g];
            if (used.Count > 0 && postings + df > PostingBudget) break;
            used.Add(g);
            postings += df;
        }

        var acc = _scratch.Value!;
        try
        {
            foreach (var g in used)
            {
                var qw = (float)(query[g] / queryNorm);
                for (var p = _offsets[g]; p < _offsets[g + 1]; p++) acc.Add(_postings[p], qw * _weights[p]);
            }
            // The best candidates by partial score (a min-heap of Rescored), accepted ones only.
            var heap = new PriorityQueue<int, (float Score, int NegTerm)>(Rescored + 1);
            foreach (var t in acc.Touched)
            {
                var key = (acc.Scores[t], -t);
                if (heap.Count == Rescored && heap.TryPeek(out _, out var min) && key.CompareTo(min) <= 0) continue;
                if (!accept(t)) continue;
                heap.Enqueue(t, key);
                if (heap.Count > Rescored) heap.Dequeue();
            }
            var best = -1;
            var bestScore = 0.0;
            while (heap.TryDequeue(out var t, out _))
            {
                var s = used.Count == query.Count ? acc.Scores[t] : Cosine(query, queryNorm, t);
                if (s > bestScore || (s == bestScore && t < best)) { best = t; bestScore = s; }
            }
            return (best, Math.Min(1.0, bestScore));
        }
        finally
        {
            acc.Clear();
        }
    }

    /// <summary>Postings one query reads at most (see <see cref="Search"/>); bounds the time per mention.</summary>
    public const int PostingBudget = 10_000;

    /// <summary>Candidates scored exactly when common 3-grams were skipped.</summary>
    public const int Rescored = 64;

    /// <summary>
    /// TF-IDF weights of a text's 3-grams by gram id, and the vector's L2 norm, in which a 3-gram no term
    /// has counts too, with the idf of df = 0.
    /// </summary>
    private Dictionary<int, double> Vector(string normalized, out double norm)
    {
        var counts = new Dictionary<int, int>();
        var unknown = 0;
        foreach (var key in Grams(normalized))
        {
            if (_gramIndex.TryGetValue(key, out var g)) counts[g] = counts.GetValueOrDefault(g) + 1;
            else unknown++;
        }
        var vector = new Dictionary<int, double>(counts.Count);
        double sum = 0;
        foreach (var (g, c) in counts) { var w = c * (double)_idf[g]; vector[g] = w; sum += w * w; }
        if (unknown > 0)
        {
            var unseenIdf = Math.Log(1.0 + _terms) + 1.0;
            sum += unknown * unseenIdf * unseenIdf;
        }
        norm = Math.Sqrt(sum);
        return vector;
    }

    // The exact cosine of the query with one term, from the term's text.
    private double Cosine(Dictionary<int, double> query, double queryNorm, int term)
    {
        var vector = Vector(_termText![term], out var norm);
        double dot = 0;
        foreach (var (g, w) in vector) if (query.TryGetValue(g, out var q)) dot += q * w;
        return norm == 0 ? 0 : dot / (norm * queryNorm);
    }

    public static IEnumerable<ulong> Grams(string normalized)
    {
        var padded = " " + normalized + " ";
        for (var i = 0; i + 3 <= padded.Length; i++)
            yield return ((ulong)padded[i] << 32) | ((ulong)padded[i + 1] << 16) | padded[i + 2];
    }

    public void Write(BinaryWriter w)
    {
        var keys = new ulong[_idf.Length];
        foreach (var (key, g) in _gramIndex) keys[g] = key;
        w.Write(_terms);
        w.Write(keys.Length);
        w.Write(MemoryMarshal.AsBytes(keys.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_idf.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_offsets.AsSpan()));
        w.Write(_postings.Length);
        w.Write(MemoryMarshal.AsBytes(_postings.AsSpan()));
        w.Write(MemoryMarshal.AsBytes(_weights.AsSpan()));
    }

    public static TrigramIndex Read(BinaryReader r)
    {
        var terms = r.ReadInt32();
        var grams = r.ReadInt32();
        if (terms < 0 || grams < 0) throw new InvalidDataException("negative index sizes");
        var keys = ReadArray<ulong>(r, grams);
        var idf = ReadArray<float>(r, grams);
        var offsets = ReadArray<int>(r, grams + 1);
        var count = r.ReadInt32();
        if (count != offsets[^1]) throw new InvalidDataException("index offsets do not match its postings");
        var postings = ReadArray<int>(r, count);
        var weights = ReadArray<float>(r, count);
        foreach (var t in postings) if ((uint)t >= (uint)terms) throw new InvalidDataException("an index posting names no term");
        return new TrigramIndex(terms, keys, idf, offsets, postings, weights);
    }

    private static T[] ReadArray<T>(BinaryReader r, int count) where T : struct
    {
        var a = new T[count];
        var bytes = MemoryMarshal.AsBytes(a.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var n = r.Read(bytes[read..]);
            if (n == 0) throw new EndOfStreamException("the vocabulary index is truncated");
            read += n;
        }
        return a;
    }

    /// <summary>Per-thread dense score array, with the list of terms touched so that clearing is cheap.</summary>
    private sealed class Accumulator(int size)
    {
        public float[] Scores { get; } = new float[size];
        public List<int> Touched { get; } = new();

        public void Add(int term, float value)
        {
            if (Scores[term] == 0) Touched.Add(term);
            Scores[term] += value;
        }

        public void Clear()
        {
            foreach (var t in Touched) Scores[t] = 0;
            Touched.Clear();
        }
    }
}
