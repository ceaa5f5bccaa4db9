using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Text;

/// <summary>
/// Splits a token stream into sentences. A sentence ends:
/// at '.', '!' or '?' (with any closing brackets or quotes after it) when the next token does not start
/// with a lower-case letter; at a blank line; at a line break when the line ends with ':' or terminal
/// punctuation, is a section header ("HISTORY OF PRESENT ILLNESS:"), or the next line starts a list item
/// ("1.", "-", "*", "•") or a header; after an inline upper-case header ("HPI: ..."); and at
/// <see cref="MaxTokens"/> tokens so that no sentence grows without bound.
/// Titles such as "Dr." never end a sentence.
/// </summary>
public static class SentenceSplitter
{
    public const int MaxTokens = 250;

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "fig.", "figs.", "e.g.", "i.e.", "vs.", "al.", "approx.", "no.", "nos.", "cf.", "ref.", "vol.",
    };

    public static IReadOnlyList<Sentence> Split(string text, IReadOnlyList<Token> tokens)
    {
        var sentences = new List<Sentence>();
        if (tokens.Count == 0) return sentences;

        var first = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var last = t == tokens.Count - 1;
            if (last || t - first + 1 >= MaxTokens || EndsAfter(text, tokens, first, t))
            {
                sentences.Add(Make(sentences.Count, tokens, first, t));
                first = t + 1;
            }
        }
        return sentences;
    }

    private static Sentence Make(int index, IReadOnlyList<Token> tokens, int first, int last)
    {
        var slice = new Token[last - first + 1];
        for (var i = first; i <= last; i++) slice[i - first] = tokens[i];
        return new Sentence(index, new TextSpan(tokens[first].Start, tokens[last].End), slice);
    }

    private static bool EndsAfter(string text, IReadOnlyList<Token> tokens, int first, int t)
    {
        var tok = tokens[t];
        var next = tokens[t + 1];
        var newlines = CountNewlines(text, tok.End, next.Start);
        if (newlines >= 2) return true;

        if (IsTerminal(tok.Text) || IsClosingAfterTerminal(tokens, first, t))
        {
            if (t == first + 1 && IsListMarkerAt(tokens, first)) return false; // "1." opening a list item
            if (IsClosing(next.Text)) return false; // the closing bracket or quote belongs to this sentence
            if (newlines >= 1) return true;
            return !StartsLower(next.Text);
        }

        if (tok.Text == ":" && IsUpperHeader(tokens, first, t, text)) return true;

        if (newlines == 1)
        {
            if (tok.Text == ":" ) return true;
            if (IsListMarkerAt(tokens, t + 1)) return true;
            if (IsHeaderLineStartingAt(text, next.Start)) return true;
            if (IsUpperLine(text, tok.End)) return true;
        }
        return false;
    }

    private static bool IsTerminal(string s) =>
        s is "." or "!" or "?" or "..." || (s.Length > 1 && s[^1] == '.' && !Titles.Contains(s) && char.IsLetter(s[0]));

    private static bool IsClosing(string s) => s is ")" or "]" or "}" or "\"" or "'" or "”" or "’";

    private static bool IsClosingAfterTerminal(IReadOnlyList<Token> tokens, int first, int t)
    {
        var i = t;
        while (i > first && IsClosing(tokens[i].Text)) i--;
        return i < t && tokens[i].Text is "." or "!" or "?";
    }

    private static bool StartsLower(string s) => s.Length > 0 && char.IsLower(s[0]);

    private static int CountNewlines(string text, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++) if (text[i] == '\n') count++;
        return count;
    }

    /// <summary>Tokens from the start of the sentence to the colon are an upper-case header ("HPI", "CHIEF COMPLAINT").</summary>
    private static bool IsUpperHeader(IReadOnlyList<Token> tokens, int first, int colon, string text)
    {
        var letters = 0;
        for (var i = first; i < colon; i++)
        {
            foreach (var ch in tokens[i].Text)
            {
                if (char.IsLower(ch)) return false;
                if (char.IsLetter(ch)) letters++;
            }
        }
        // Only a header at the start of a line: "... dose: 5 MG" is not one.
        var lineStart = text.LastIndexOf('\n', Math.Max(0, tokens[first].Start - 1)) + 1;
        var onlySpace = true;
        for (var i = lineStart; i < tokens[first].Start; i++) if (!char.IsWhiteSpace(text[i])) { onlySpace = false; break; }
        return letters >= 2 && colon - first <= 8 && (onlySpace || tokens[first].Start == 0);
    }

    private static bool IsListMarkerAt(IReadOnlyList<Token> tokens, int i)
    {
        var s = tokens[i].Text;
        if (s is "-" or "*" or "•" or "·" or "–" or "#") return true;
        if (i + 1 < tokens.Count && s.Length <= 3 && (char.IsAsciiDigit(s[0]) || (s.Length == 1 && char.IsLetter(s[0])))
            && tokens[i + 1].Text is "." or ")" && tokens[i + 1].Start == tokens[i].End)
            return true;
        return false;
    }

    /// <summary>The line at <paramref name="start"/> is an upper-case header ending with ':' ("PAST MEDICAL HISTORY:").</summary>
    private static bool IsHeaderLineStartingAt(string text, int start)
    {
        var letters = 0;
        for (var i = start; i < text.Length && text[i] != '\n'; i++)
        {
            var c = text[i];
            if (c == ':') return letters >= 2;
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
            if (i - start > 60) return false;
        }
        return false;
    }

    /// <summary>The line that ends at or after <paramref name="offset"/> has letters and none lower-case (a header line).</summary>
    private static bool IsUpperLine(string text, int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var letters = 0;
        for (var i = lineStart; i < text.Length && text[i] != '\n'; i++)
        {
            if (char.IsLower(text[i])) return false;
            if (char.IsLetter(text[i])) letters++;
        }
        return letters >= 3;
    }
}
