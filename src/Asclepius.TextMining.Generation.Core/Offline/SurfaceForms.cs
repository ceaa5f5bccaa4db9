namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// Small decisions about surface forms. Lexicon variants mix nouns with adjectival forms
/// ("hypotensive", "cardiotoxic", "confused"); templates put slots where nouns go ("developed {Disease:1}"),
/// so adjectival forms are kept out of those slots rather than teaching a model ungrammatical text.
/// </summary>
public static class SurfaceForms
{
    private static readonly string[] AdjectiveEndings = ["ic", "ive", "ous"];

    /// <summary>
    /// A one-word, lower-case variant ending like an adjective (-ic, -ive, -ous) or a participle (-ed, but not
    /// "-eed" as in "nosebleed"), unless it is the singular or plural of the name ("diuretic" of "diuretics").
    /// </summary>
    public static bool IsAdjectival(string variant, string name)
    {
        if (variant.Length < 4 || variant.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c) || char.IsDigit(c))) return false;
        if (IsPluralOf(name, variant) || IsPluralOf(variant, name)) return false;
        if (AdjectiveEndings.Any(e => variant.EndsWith(e, StringComparison.Ordinal))) return true;
        return variant.EndsWith("ed", StringComparison.Ordinal) && !variant.EndsWith("eed", StringComparison.Ordinal);
    }

    private static bool IsPluralOf(string plural, string singular) =>
        plural.Equals(singular + "s", StringComparison.OrdinalIgnoreCase) || plural.Equals(singular + "es", StringComparison.OrdinalIgnoreCase);

    /// <summary>A short written abbreviation: one word of at most 8 characters with two or more capitals ("MI", "5-FU", "CsA", "HFpEF").</summary>
    public static bool IsAbbreviation(string surface) =>
        surface.Length is >= 2 and <= 8
        && !surface.Any(char.IsWhiteSpace)
        && surface.Count(char.IsUpper) >= 2;

    /// <summary>
    /// Coins an abbreviation the way abstract authors do for a term they repeat ("vancomycin (VCM)",
    /// "acute renal failure (ARF)", "pilocarpine (Pilo)"): initials of a multi-word term, or for one word
    /// its first letter plus one to three following syllable onsets, its first three letters in capitals, or its first
    /// three or four letters with a capital. Null when the surface does not lend itself to one.
    /// </summary>
    public static string? CoinAbbreviation(string surface, Random rng)
    {
        var words = surface.Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 0 && char.IsLetter(w[0]) && !MinorWords.Contains(w)).ToArray();
        if (words.Length >= 2)
        {
            var initials = string.Concat(words.Select(w => char.ToUpperInvariant(w[0])));
            return initials.Length <= 5 ? initials : null;
        }
        if (words.Length != 1) return null;
        var word = words[0];
        if (word.Length < 6 || !word.All(char.IsLetter)) return null;
        switch (rng.Next(4))
        {
            case 0:
            case 1:
                var length = rng.Next(2, 5);
                var onsets = new List<char> { char.ToUpperInvariant(word[0]) };
                for (var i = 1; i + 1 < word.Length && onsets.Count < length; i++)
                    if (!IsVowel(word[i]) && IsVowel(word[i + 1])) onsets.Add(char.ToUpperInvariant(word[i]));
                return onsets.Count >= 2 ? new string(onsets.ToArray()) : null;
            case 2:
                return word[..3].ToUpperInvariant();
            default:
                return char.ToUpperInvariant(word[0]) + word[1..rng.Next(3, 5)].ToLowerInvariant();
        }
    }

    private static readonly HashSet<string> MinorWords = new(StringComparer.OrdinalIgnoreCase) { "of", "and", "the", "to", "in", "with", "for", "on", "by" };

    private static bool IsVowel(char c) => "aeiouyAEIOUY".Contains(c);

    /// <summary>
    /// A surface that names its cause inside the mention: "heparin-induced thrombocytopenia", "aspirin-exacerbated
    /// respiratory disease", where the part before "-induced" etc. is a surface of <paramref name="causes"/> (the
    /// other entity lexicons). Templates write such causes as their own slot ("{Chemical:1}-induced {Disease:1}"),
    /// as BC5CDR annotates them; a generic cause stays in the mention ("drug-induced hepatitis").
    /// </summary>
    public static bool NamesACause(string surface, IReadOnlySet<string> causes)
    {
        foreach (var marker in CauseMarkers)
        {
            var at = surface.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at <= 0) continue;
            var prefix = surface[..at];
            if (causes.Contains(prefix) || causes.Contains(prefix + "s") || (prefix.EndsWith('s') && causes.Contains(prefix[..^1]))) return true;
        }
        return false;
    }

    private static readonly string[] CauseMarkers = ["-induced ", "-exacerbated ", "-related ", "-associated "];

    /// <summary>True when the surface has no capital of its own ("hypotension", not "mCPP" or "Tylenol").</summary>
    public static bool HasNoCapital(string surface) => !surface.Any(char.IsUpper);

    /// <summary>Upper-cases the first letter when the surface starts with a letter and has no capital of its own.</summary>
    public static string CapitalizeFirst(string surface) =>
        surface.Length > 0 && char.IsLetter(surface[0]) && HasNoCapital(surface)
            ? char.ToUpperInvariant(surface[0]) + surface[1..]
            : surface;

    /// <summary>
    /// Whether text appended after <paramref name="before"/> starts a sentence: the start of the text, a new
    /// line, or whitespace after a sentence-ending '.', '!' or '?'.
    /// </summary>
    public static bool StartsSentence(System.Text.StringBuilder before, int from = 0)
    {
        var i = before.Length - 1;
        if (i < from) return true;
        if (before[i] == '\n') return true;
        if (!char.IsWhiteSpace(before[i])) return false;
        while (i >= from && char.IsWhiteSpace(before[i]))
        {
            if (before[i] == '\n') return true;
            i--;
        }
        return i < from || before[i] is '.' or '!' or '?';
    }
}
