using System.Globalization;
using System.Text;

namespace Asclepius.TextMining.Encoders.Tokenization;

/// <summary>
/// BERT's uncased WordPiece tokenization, keeping character offsets into the original text so every prediction on a
/// piece maps back to a span of the note: split on whitespace and around each punctuation mark and CJK character,
/// lower-case and strip Latin-1 accents (per original character, so offsets stay exact), then greedy longest-match word
/// pieces, continuation pieces prefixed with "##"; a word with no match (or longer than 100 characters) is [UNK].
/// </summary>
public sealed class WordPieceTokenizer
{
    private const int MaxWordChars = 100;
    private readonly Dictionary<string, int> _ids;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        Vocabulary = vocabulary;
        _ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++) _ids.TryAdd(vocabulary[i], i);
        UnknownId = Id("[UNK]");
        ClsId = Id("[CLS]");
        SepId = Id("[SEP]");
        PadId = Id("[PAD]");
    }

    public IReadOnlyList<string> Vocabulary { get; }
    public int UnknownId { get; }
    public int ClsId { get; }
    public int SepId { get; }
    public int PadId { get; }

    /// <summary>A vocab.txt: one piece per line, the line number is the id.</summary>
    public static WordPieceTokenizer Load(Stream vocabTxt)
    {
        using var reader = new StreamReader(vocabTxt, Encoding.UTF8);
        var pieces = new List<string>();
        while (reader.ReadLine() is { } line) pieces.Add(line.TrimEnd('\r'));
        return new WordPieceTokenizer(pieces);
    }

    /// <summary>The word pieces of <paramref name="text"/> (without [CLS]/[SEP]).</summary>
    public IReadOnlyList<WordPiece> Tokenize(string text)
    {
        var pieces = new List<WordPiece>();
        foreach (var (start, end) in Words(text))
        {
            var (normalized, origins) = Normalize(text, start, end);
            if (normalized.Length == 0) continue;
            if (normalized.Length > MaxWordChars || !AddPieces(normalized, origins, end, pieces))
                pieces.Add(new WordPiece(UnknownId, "[UNK]", start, end));
        }
        return pieces;
    }

    private int Id(string piece) =>
        _ids.TryGetValue(piece, out var id) ? id : throw new InvalidDataException($"the vocabulary has no '{piece}'");

    /// <summary>Greedy longest match; false (nothing added) when some part of the word matches no piece.</summary>
    private bool AddPieces(string word, int[] origins, int wordEnd, List<WordPiece> pieces)
    {
        var found = new List<WordPiece>();
        for (var at = 0; at < word.Length;)
        {
            var matched = false;
            for (var end = word.Length; end > at; end--)
            {
                var candidate = at == 0 ? word[at..end] : "##" + word[at..end];
                if (!_ids.TryGetValue(candidate, out var id)) continue;
                found.Add(new WordPiece(id, candidate, origins[at], end < word.Length ? origins[end] : wordEnd));
                at = end;
                matched = true;
                break;
            }
            if (!matched) return false;
        }
        pieces.AddRange(found);
        return true;
    }

    /// <summary>Words: runs of characters that are not whitespace, punctuation or CJK; each of those is a word by itself.</summary>
    private static IEnumerable<(int Start, int End)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (start >= 0) yield return (start, i);
                start = -1;
            }
            else if (IsPunctuation(c) || IsCjk(c))
            {
                if (start >= 0) yield return (start, i);
                start = -1;
                yield return (i, i + 1);
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        if (start >= 0) yield return (start, text.Length);
    }

    /// <summary>Lower case without accents; origins[k] is the index in the text of the character that gave normalized[k].</summary>
    private static (string Normalized, int[] Origins) Normalize(string text, int start, int end)
    {
        var normalized = new StringBuilder(end - start);
        var origins = new List<int>(end - start);
        for (var i = start; i < end; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue; // a combining accent
            normalized.Append(c is >= '\u00E0' and <= '\u00FF' ? Latin1Base[c - '\u00E0'] : c);
            origins.Add(i);
        }
        return (normalized.ToString(), origins.ToArray());
    }

    /// <summary>
    /// U+00E0..U+00FF without their accents (what NFD + dropping marks gives; letters without a decomposition, such as
    /// æ ð ø þ and ÷, stay). Written out because the product runs with invariant globalization, where
    /// string.Normalize cannot decompose; accented letters beyond Latin-1 are kept as they are (usually [UNK]).
    /// </summary>
    private const string Latin1Base = "aaaaaaæceeeeiiiiðnooooo÷øuuuuyþy";

    /// <summary>BERT counts every ASCII non-alphanumeric printable character as punctuation, and Unicode P* categories.</summary>
    private static bool IsPunctuation(char c) =>
        (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || char.IsPunctuation(c);

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
