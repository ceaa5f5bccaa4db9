using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Lexicons;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Named phrase lists (data/lexicons/*.tsv) matched against token sequences; a model that was trained
/// with lexicons carries them, so labeling never depends on files beside the package.
/// File layouts: see <see cref="ReadFile"/> (the generator's name/variants/class, the dictionary
/// baseline's phrase/label).
/// Matching is by token: a phrase is tokenized with <see cref="ClinicalTokenizer"/> and matched
/// case-insensitively, except short all-upper-case variants ("MI", "ACS"), which match only as written
/// because their lower-case forms are ordinary words. Immutable and thread-safe.
/// </summary>
public sealed class LexiconSet
{
    /// <summary>Phrases longer than this many tokens are ignored (they would only slow matching).</summary>
    public const int MaxPhraseTokens = 12;

    private readonly Lexicon[] _lexicons;

    public LexiconSet(IReadOnlyDictionary<string, IReadOnlyList<string>> phrasesByLexicon)
    {
        _lexicons = phrasesByLexicon.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Lexicon(p.Key, p.Value)).ToArray();
    }

    public IReadOnlyList<string> Names => _lexicons.Select(l => l.Name).ToArray();

    public int Count => _lexicons.Length;

    public int PhraseCount => _lexicons.Sum(l => l.Phrases.Count);

    /// <summary>Reads every *.tsv in a folder (sorted by name). Bad lines are errors naming file and line.</summary>
    public static LexiconSet LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new TextMiningException(ErrorCodes.RulesInvalid, "lexicon folder not found", folder);
        var files = Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new TextMiningException(ErrorCodes.RulesInvalid, "the lexicon folder holds no .tsv files", folder);
        var all = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var (name, phrases) in ReadFile(file)) all[name] = phrases;
        return new LexiconSet(all);
    }

    /// <summary>
    /// One lexicon file (<see cref="LexiconTsv"/>): the generator's layout gives one lexicon named after the file
    /// (names and variants); the dictionary baseline's gives one lexicon per label, named "file:label".
    /// </summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Phrases)> ReadFile(string path)
    {
        var table = LexiconTsv.Read(path);
        if (table.Rows.Count == 0 && table.Layout == LexiconLayout.PhraseLabel)
            throw new TextMiningException(ErrorCodes.RulesInvalid, "empty lexicon file (a header line or phrase lines are required)", path);
        var stem = Path.GetFileNameWithoutExtension(path);
        if (table.Layout == LexiconLayout.NameVariantsClass)
            return [(stem, table.Rows.SelectMany(r => r.Variants.Prepend(r.Name)).Distinct(StringComparer.Ordinal).ToArray())];
        return table.Rows.GroupBy(r => r.Class, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ($"{stem}:{g.Key}", (IReadOnlyList<string>)g.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray())).ToArray();
    }

    /// <summary>JSON layout (version 1): { "lexicon name": ["phrase", ...], ... }.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        _lexicons.ToDictionary(l => l.Name, l => l.Phrases), new JsonSerializerOptions { WriteIndented = false });

    public static LexiconSet FromJson(byte[] json, string location)
    {
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json)
                ?? throw new JsonException("null");
            return new LexiconSet(map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"lexicons are malformed: {ex.Message}", location, ex);
        }
    }

    /// <summary>
    /// Marks matches in a token sequence: <paramref name="positions"/>[lexicon * n + t] gets 1=B, 2=I,
    /// 3=L, 4=U (0 = no match). Each lexicon is matched left to right, longest phrase first.
    /// <paramref name="lowerHashes"/> and <paramref name="exactHashes"/> are the tokens' hashes.
    /// </summary>
    internal void Match(ReadOnlySpan<ulong> lowerHashes, ReadOnlySpan<ulong> exactHashes, Span<byte> positions)
    {
        var n = lowerHashes.Length;
        positions.Clear();
        for (var l = 0; l < _lexicons.Length; l++)
        {
            var lex = _lexicons[l];
            var row = positions.Slice(l * n, n);
            var t = 0;
            while (t < n)
            {
                var len = lex.LongestMatch(lowerHashes, exactHashes, t);
                if (len == 0) { t++; continue; }
                if (len == 1) row[t] = 4;
                else
                {
                    row[t] = 1;
                    for (var k = t + 1; k < t + len - 1; k++) row[k] = 2;
                    row[t + len - 1] = 3;
                }
                t += len;
            }
        }
    }

    /// <summary>
    /// The neural taggers' lexicon feature (BiLSTM-CRF, transformer): per token of [first, first + count) and lexicon x,
    /// the row of a lexicon-position embedding, ids[t * Count + x] = 1 + 4x + (B=0, I=1, L=2, U=3), 0 where x does not
    /// match (row 0 is the embedding's padding row). Matched on the tokens of that range only.
    /// </summary>
    public int[] PositionIds(TokenizedText text, int first, int count)
    {
        var l = Count;
        var lower = new ulong[count];
        var exact = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var token = text.Tokens[first + i].Text;
            lower[i] = LowerHash(token);
            exact[i] = FeatureHash.Of(token);
        }
        var positions = new byte[l * count];
        Match(lower, exact, positions); // positions[lexicon * n + t]: 0 none, 1 B, 2 I, 3 L, 4 U
        var ids = new int[count * l];
        for (var x = 0; x < l; x++)
            for (var t = 0; t < count; t++)
                if (positions[x * count + t] is var p and > 0) ids[t * l + x] = 1 + 4 * x + (p - 1);
        return ids;
    }

    private sealed class Lexicon
    {
        private readonly Dictionary<ulong, int> _maxLenLower = new();
        private readonly Dictionary<ulong, int> _maxLenExact = new();
        private readonly HashSet<ulong> _lower = new();
        private readonly HashSet<ulong> _exact = new();

        public Lexicon(string name, IReadOnlyList<string> phrases)
        {
            Name = name;
            Phrases = phrases;
            foreach (var phrase in phrases)
            {
                var tokens = ClinicalTokenizer.Default.TokenizeWords(phrase);
                if (tokens.Count == 0 || tokens.Count > MaxPhraseTokens) continue;
                var exactOnly = phrase.Length <= 5 && phrase.Any(char.IsUpper) && !phrase.Any(char.IsLower);
                var set = exactOnly ? _exact : _lower;
                var lens = exactOnly ? _maxLenExact : _maxLenLower;
                ulong h = 0;
                ulong first = 0;
                for (var i = 0; i < tokens.Count; i++)
                {
                    var th = exactOnly ? FeatureHash.Of(tokens[i].Text) : LowerHash(tokens[i].Text);
                    if (i == 0) first = th;
                    h = FeatureHash.Mix(h, th);
                }
                set.Add(h);
                lens[first] = Math.Max(lens.GetValueOrDefault(first), tokens.Count);
            }
        }

        public string Name { get; }
        public IReadOnlyList<string> Phrases { get; }

        public int LongestMatch(ReadOnlySpan<ulong> lower, ReadOnlySpan<ulong> exact, int t)
        {
            var best = Longest(lower, t, _lower, _maxLenLower);
            var e = Longest(exact, t, _exact, _maxLenExact);
            return Math.Max(best, e);
        }

        private static int Longest(ReadOnlySpan<ulong> hashes, int t, HashSet<ulong> set, Dictionary<ulong, int> maxLens)
        {
            if (!maxLens.TryGetValue(hashes[t], out var max)) return 0;
            max = Math.Min(max, hashes.Length - t);
            var best = 0;
            ulong h = 0;
            for (var len = 1; len <= max; len++)
            {
                h = FeatureHash.Mix(h, hashes[t + len - 1]);
                if (set.Contains(h)) best = len;
            }
            return best;
        }
    }

    internal static ulong LowerHash(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToLowerInvariant(buffer);
        return FeatureHash.Of(buffer);
    }
}
