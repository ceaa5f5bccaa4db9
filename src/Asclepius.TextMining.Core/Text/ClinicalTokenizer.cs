using System.Globalization;
using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Text;

/// <summary>
/// Offset-preserving tokenizer for clinical and biomedical text: one forward scan, no regex.
/// Rules (why): runs of letters/digits are words; every other symbol is its own token, so hyphen and
/// slash compounds ("cocaine-induced", "ischemia/reperfusion") split and entity boundaries inside them
/// stay reachable. Kept whole: decimals and thousands ("0.5", "1,000"), dotted abbreviations ("b.i.d.",
/// "e.g.", "U.S."), titles and common abbreviations with a final period ("Dr.", "Fig.", "approx.", but not
/// when written in capitals: "HR." ending a sentence is an acronym and a period), and ellipses.
/// A number glued to a known unit ("5mg", "10mL") is split into number and unit.
/// Sentences come from <see cref="SentenceSplitter"/>.
/// </summary>
public sealed class ClinicalTokenizer
{
    public static readonly ClinicalTokenizer Default = new();

    /// <summary>Abbreviations whose final period belongs to the token (lower case, without the period).</summary>
    public static readonly IReadOnlySet<string> PeriodAbbreviations = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "vs", "fig", "figs", "approx", "no", "nos", "vol",
        "al", "etc", "inc", "ltd", "co", "dept", "wt", "ht", "temp", "resp", "hr", "hrs", "min", "mins", "sec",
        "yr", "yrs", "mo", "mos", "wk", "wks", "pt", "pts", "hx", "dx", "tx", "rx", "sx", "fx", "ca", "cf",
        "tab", "tabs", "cap", "caps", "inj", "susp", "sol", "oz", "lb", "lbs", "ref", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
    };

    /// <summary>Units that are split off a number written without a space ("5mg" → "5" "mg").</summary>
    public static readonly IReadOnlySet<string> Units = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mg", "g", "kg", "mcg", "ug", "µg", "ng", "pg", "ml", "l", "dl", "cc", "meq", "mmol", "mol", "umol",
        "iu", "u", "units", "mm", "cm", "m", "km", "mmhg", "bpm", "h", "hr", "hrs", "d", "min", "mins", "s",
        "sec", "wk", "wks", "yr", "yrs", "yo", "y", "mo", "x", "mgs", "gm", "gms", "mls", "ppm", "mci", "gy",
        "cgy", "mv", "hz", "kcal", "cal", "lb", "lbs", "oz", "in", "ft", "f", "c", "pm", "am", "th", "st", "nd", "rd",
    };

    public TokenizedText Tokenize(string text)
    {
        var tokens = TokenizeWords(text);
        return new TokenizedText(text, tokens, SentenceSplitter.Split(text, tokens));
    }

    public IReadOnlyList<Token> TokenizeWords(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF') { i++; continue; }

            if (IsWordChar(text, i))
            {
                var end = ScanWord(text, i);
                end = ExtendWord(text, i, end);
                EmitWord(text, i, end, tokens);
                i = end;
                continue;
            }

            // Symbols: one token each, except an ellipsis and a surrogate pair (emoji, rare symbols).
            var len = 1;
            if (c == '.' && i + 2 < n && text[i + 1] == '.' && text[i + 2] == '.') len = 3;
            else if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1])) len = 2;
            Add(tokens, text, i, i + len);
            i += len;
        }
        return tokens;
    }

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c)) return true;
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static int ScanWord(string text, int i)
    {
        var j = i;
        while (j < text.Length && IsWordChar(text, j)) j++;
        return j;
    }

    /// <summary>Grows a letter/digit run over periods and commas that belong to it.</summary>
    private static int ExtendWord(string text, int start, int end)
    {
        var n = text.Length;
        // Decimal numbers and thousands separators: 0.5, 12.25, 1,000 (not "1,2-", a locant list).
        if (IsAllDigits(text, start, end))
        {
            while (end + 1 < n && char.IsAsciiDigit(text[end + 1]))
            {
                if (text[end] == '.')
                {
                    end = ScanDigits(text, end + 1);
                }
                else if (text[end] == ',' && ScanDigits(text, end + 1) - (end + 1) == 3
                         && !(ScanDigits(text, end + 1) < n && (text[ScanDigits(text, end + 1)] == '-' || char.IsLetter(text[ScanDigits(text, end + 1)]))))
                {
                    end = ScanDigits(text, end + 1);
                }
                else break;
            }
            return end;
        }

        if (end >= n || text[end] != '.') return end;

        // Dotted abbreviations: b.i.d., q.d., e.g., i.v., U.S. — short letter runs each closed by a period.
        if (end - start <= 3 && IsAllLetters(text, start, end))
        {
            var j = end;
            var pieces = 1;
            while (j + 1 < n && text[j] == '.' && char.IsLetter(text[j + 1]))
            {
                var k = j + 1;
                while (k < n && char.IsLetter(text[k])) k++;
                if (k - (j + 1) > 3 || k >= n || text[k] != '.') break;
                j = k;
                pieces++;
            }
            if (pieces >= 2) return j + 1;
        }

        // A listed abbreviation keeps its final period ("Dr.", "Fig.", "approx."). Written in capitals it is
        // far more often an acronym ending a sentence ("... and HR.", "absence of MR.", "treated with DX."),
        // as measured on BC5CDR, so "HR" + "." there.
        var word = text.AsSpan(start, end - start);
        if (PeriodAbbreviations.Contains(word.ToString()) && !(word.Length >= 2 && IsAllUpper(word)))
        {
            // "No." only before a number ("No. 5"); at a sentence end "no." is a word and a period.
            if (word.Equals("no", StringComparison.OrdinalIgnoreCase) || word.Equals("nos", StringComparison.OrdinalIgnoreCase))
            {
                var k = end + 1;
                while (k < n && text[k] == ' ') k++;
                if (k >= n || !char.IsAsciiDigit(text[k])) return end;
            }
            return end + 1;
        }
        return end;
    }

    private static void EmitWord(string text, int start, int end, List<Token> tokens)
    {
        // "5mg" → "5" "mg"; "2nd", "H2O", "CCl4" stay whole because only known units split.
        var d = start;
        while (d < end && char.IsAsciiDigit(text[d])) d++;
        if (d > start && d < end && IsAllLetters(text, d, end) && Units.Contains(text.Substring(d, end - d)))
        {
            Add(tokens, text, start, d);
            Add(tokens, text, d, end);
            return;
        }
        Add(tokens, text, start, end);
    }

    private static void Add(List<Token> tokens, string text, int start, int end) =>
        tokens.Add(new Token(tokens.Count, new TextSpan(start, end), text.Substring(start, end - start)));

    private static int ScanDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return i;
    }

    private static bool IsAllDigits(string text, int start, int end)
    {
        for (var i = start; i < end; i++) if (!char.IsAsciiDigit(text[i])) return false;
        return end > start;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsUpper(c)) return false;
        return true;
    }

    private static bool IsAllLetters(string text, int start, int end)
    {
        for (var i = start; i < end; i++) if (!char.IsLetter(text[i])) return false;
        return end > start;
    }
}
