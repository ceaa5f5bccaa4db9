using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Turns a sentence's tokens into hashed sparse features, one set per token: the word, its lower case,
/// shape ("Xxxxd") and short shape ("Xxd"), prefixes and suffixes, character n-grams, a length bucket,
/// neighbour words, shapes and suffixes within ±Window, word bigrams, a shape trigram, and lexicon match
/// positions (B/I/L/U of a match at -1, 0, +1). Built by hand instead of ML.NET text transforms: hashing
/// per-token values once and combining integers for the window is several times faster (see
/// docs/BENCHMARKS.md) and needs no vocabulary in the package. Stateless apart from the read-only
/// options and lexicons: safe on many threads, each with its own <see cref="FeatureBuffer"/>.
/// </summary>
internal sealed class TokenWindowFeaturizer
{
    // Template ids. They are hashed into every feature: never renumber (it would be a new kind .v2).
    private const ulong TBias = 1, TWord = 2, TLower = 3, TShape = 4, TShortShape = 5, TPrefix = 6, TSuffix = 7,
        TNGram = 8, TLength = 9, TLowerAt = 10, TShapeAt = 11, TBigram = 12, TSuffixAt = 13, TShapeTri = 14,
        TLexicon = 15, TFirst = 16;

    private const ulong Pad = 0x5EED_0000_0000_0001UL;
    private const int MaxChars = 64;

    private readonly TokenWindowOptions _options;
    private readonly LexiconSet? _lexicons;
    private readonly int _mask;

    public TokenWindowFeaturizer(TokenWindowOptions options, LexiconSet? lexicons)
    {
        _options = options;
        _lexicons = lexicons is { Count: > 0 } ? lexicons : null;
        Dimension = 1 << options.HashBits;
        _mask = Dimension - 1;
    }

    public int Dimension { get; }

    public void Featurize(IReadOnlyList<Token> tokens, FeatureBuffer buffer)
    {
        var n = tokens.Count;
        var w = _options.Window;
        buffer.Reset(n);

        // Per-token values, hashed once; padded by w on both sides so window lookups need no bounds checks.
        var len = n + 2 * w;
        Span<ulong> lower = len <= 512 ? stackalloc ulong[len] : new ulong[len];
        Span<ulong> exact = len <= 512 ? stackalloc ulong[len] : new ulong[len];
        Span<ulong> shortShape = len <= 512 ? stackalloc ulong[len] : new ulong[len];
        Span<ulong> suffix3 = len <= 512 ? stackalloc ulong[len] : new ulong[len];
        lower[..w].Fill(Pad); lower[(n + w)..].Fill(Pad);
        shortShape[..w].Fill(Pad); shortShape[(n + w)..].Fill(Pad);
        suffix3[..w].Fill(Pad); suffix3[(n + w)..].Fill(Pad);

        Span<char> lowerBuf = stackalloc char[MaxChars + 2];
        Span<char> shapeBuf = stackalloc char[MaxChars];
        Span<char> shortBuf = stackalloc char[MaxChars];
        for (var t = 0; t < n; t++)
        {
            var text = tokens[t].Text.AsSpan();
            if (text.Length > MaxChars) text = text[..MaxChars];
            var lw = lowerBuf.Slice(1, text.Length);
            text.ToLowerInvariant(lw);
            exact[t + w] = FeatureHash.Of(text);
            lower[t + w] = FeatureHash.Of(lw);
            Shapes(text, shapeBuf, shortBuf, out _, out var shortLen);
            shortShape[t + w] = FeatureHash.Of(shortBuf[..shortLen]);
            suffix3[t + w] = FeatureHash.Of(lw.Length > 3 ? lw[^3..] : lw);
        }

        // Lexicon positions, when the model has lexicons.
        var lexCount = _lexicons?.Count ?? 0;
        Span<byte> lexPos = lexCount == 0 ? Span<byte>.Empty : (lexCount * n <= 2048 ? stackalloc byte[lexCount * n] : new byte[lexCount * n]);
        if (lexCount > 0) _lexicons!.Match(lower.Slice(w, n), exact.Slice(w, n), lexPos);

        for (var t = 0; t < n; t++)
        {
            buffer.BeginToken(t);
            var c = t + w;
            var text = tokens[t].Text.AsSpan();
            if (text.Length > MaxChars) text = text[..MaxChars];
            var lw = lowerBuf.Slice(1, text.Length);
            text.ToLowerInvariant(lw);
            Shapes(text, shapeBuf, shortBuf, out var shapeLen, out _);

            Add(buffer, TBias, 0);
            Add(buffer, TWord, exact[c]);
            Add(buffer, TLower, lower[c]);
            Add(buffer, TShape, FeatureHash.Of(shapeBuf[..shapeLen]));
            Add(buffer, TShortShape, shortShape[c]);
            if (t == 0) Add(buffer, TFirst, 0);
            for (var k = _options.AffixMin; k <= _options.AffixMax; k++)
            {
                if (lw.Length < k) break;
                Add(buffer, TPrefix, (ulong)k, FeatureHash.Of(lw[..k]));
                Add(buffer, TSuffix, (ulong)k, FeatureHash.Of(lw[^k..]));
            }
            if (_options.CharNGrams.Length > 0 && lw.Length > 1)
            {
                lowerBuf[0] = '^';
                lowerBuf[lw.Length + 1] = '$';
                var padded = lowerBuf[..(lw.Length + 2)];
                foreach (var g in _options.CharNGrams)
                    for (var i = 0; i + g <= padded.Length; i++)
                        Add(buffer, TNGram, FeatureHash.Of(padded.Slice(i, g)));
            }
            Add(buffer, TLength, (ulong)LengthBucket(tokens[t].Text.Length));

            for (var o = -w; o <= w; o++)
            {
                if (o == 0) continue;
                var at = (ulong)(o + 8);
                Add(buffer, TLowerAt, at, lower[c + o]);
                Add(buffer, TShapeAt, at, shortShape[c + o]);
                if (o is -1 or 1) Add(buffer, TSuffixAt, at, suffix3[c + o]);
            }
            if (_options.WordBigrams && w >= 1)
            {
                Add(buffer, TBigram, 1, FeatureHash.Mix(lower[c - 1], lower[c]));
                Add(buffer, TBigram, 2, FeatureHash.Mix(lower[c], lower[c + 1]));
            }
            if (w >= 1) Add(buffer, TShapeTri, FeatureHash.Mix(shortShape[c - 1], shortShape[c], shortShape[c + 1]));

            for (var l = 0; l < lexCount; l++)
            {
                for (var o = -1; o <= 1; o++)
                {
                    var tt = t + o;
                    if (tt < 0 || tt >= n) continue;
                    var pos = lexPos[l * n + tt];
                    if (pos != 0) Add(buffer, TLexicon, (ulong)(l * 64 + (o + 1) * 8 + pos));
                }
            }
        }
        buffer.EndSentence();
    }

    private void Add(FeatureBuffer buffer, ulong template, ulong value) =>
        buffer.Add((int)(FeatureHash.Mix(template, value) & (ulong)_mask));

    private void Add(FeatureBuffer buffer, ulong template, ulong arg, ulong value) =>
        buffer.Add((int)(FeatureHash.Mix(template, arg, value) & (ulong)_mask));

    private static int LengthBucket(int length) => length switch
    {
        <= 4 => length,
        <= 6 => 5,
        <= 9 => 6,
        <= 14 => 7,
        _ => 8,
    };

    /// <summary>Shape: upper → X, lower → x, digit → d, other chars kept; short shape collapses runs.</summary>
    private static void Shapes(ReadOnlySpan<char> text, Span<char> shape, Span<char> shortShape, out int shapeLen, out int shortLen)
    {
        shapeLen = 0;
        shortLen = 0;
        foreach (var ch in text)
        {
            var s = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : char.IsLetter(ch) ? 'x' : ch;
            shape[shapeLen++] = s;
            if (shortLen == 0 || shortShape[shortLen - 1] != s) shortShape[shortLen++] = s;
        }
    }
}
