namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// Abbreviations a note defines itself, by Schwartz and Hearst's algorithm (PSB 2003): for
/// "long form (SF)", the short form's characters are matched right to left inside the words before the
/// parenthesis, the first one at the start of a word; the shortest long form that matches wins.
/// "neuroleptic malignant syndrome (NMS)" gives NMS → "neuroleptic malignant syndrome".
/// The first definition of a short form in a note counts; short forms compare case-sensitively.
/// </summary>
public static class AbbreviationFinder
{
    public static IReadOnlyDictionary<string, string> Find(string text)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = -1;
        while ((open = text.IndexOf('(', open + 1)) >= 0)
        {
            var close = text.IndexOf(')', open + 1);
            if (close < 0) break;
            if (close - open - 1 is < 2 or > 12) continue;
            var inner = text.Substring(open + 1, close - open - 1);
            if (inner.Contains('(')) continue;
            var shortForm = CutAtSeparator(inner).Trim();
            if (!IsShortForm(shortForm) || found.ContainsKey(shortForm)) continue;
            var before = WordsBefore(text, open, Math.Min(shortForm.Length + 5, shortForm.Length * 2));
            var longForm = BestLongForm(shortForm, before);
            if (longForm is not null) found[shortForm] = longForm;
        }
        return found;
    }

    // "(NMS; n = 4)" and "(NMS, ref 3)": the short form is what comes before the first separator.
    private static string CutAtSeparator(string inner)
    {
        var cut = inner.IndexOfAny([';', ',']);
        return cut >= 0 ? inner[..cut] : inner;
    }

    private static bool IsShortForm(string s) =>
        s.Length is >= 2 and <= 10
        && char.IsLetterOrDigit(s[0])
        && s.Any(char.IsLetter)
        && s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 2;

    /// <summary>Up to <paramref name="maxWords"/> words before <paramref name="end"/>, not crossing a sentence end or another parenthesis.</summary>
    private static string WordsBefore(string text, int end, int maxWords)
    {
        var start = end;
        var words = 0;
        var inWord = false;
        while (start > 0)
        {
            var c = text[start - 1];
            if (c is '.' or ';' or ':' or '(' or ')' or '[' or ']' or '\n') break;
            if (char.IsWhiteSpace(c)) { if (inWord && ++words >= maxWords) break; inWord = false; }
            else inWord = true;
            start--;
        }
        return text[start..end].Trim();
    }

    // Schwartz & Hearst's findBestLongForm.
    private static string? BestLongForm(string shortForm, string longForm)
    {
        var s = shortForm.Length - 1;
        var l = longForm.Length - 1;
        while (s >= 0)
        {
            var c = char.ToLowerInvariant(shortForm[s]);
            if (!char.IsLetterOrDigit(c)) { s--; continue; }
            while ((l >= 0 && char.ToLowerInvariant(longForm[l]) != c) || (s == 0 && l > 0 && char.IsLetterOrDigit(longForm[l - 1])))
                l--;
            if (l < 0) return null;
            l--;
            s--;
        }
        l = longForm.LastIndexOf(' ', Math.Max(l, 0)) + 1;
        var result = longForm[l..].Trim();
        return result.Length > shortForm.Length && !result.Contains(shortForm, StringComparison.Ordinal) ? result : null;
    }
}
