namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Word-level inputs: the word embedding sees the lower-cased word with digits replaced by 0 (so
/// "5mg"/"10mg" and "IL-2"/"IL-6" share statistics); the case a word was written in survives as a
/// separate small feature, because capitals matter for chemicals and abbreviations.
/// </summary>
internal static class WordFeatures
{
    // 0 is padding.
    public const int Numeric = 1, AllLower = 2, AllUpper = 3, InitialUpper = 4, MixedCase = 5, HasDigit = 6, Symbol = 7;
    public const int CasingCount = 8;

    public static string Normalize(string token)
    {
        Span<char> buffer = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            buffer[i] = char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
        }
        return new string(buffer);
    }

    public static int Casing(string token)
    {
        int letters = 0, digits = 0, upper = 0, lower = 0;
        foreach (var c in token)
        {
            if (char.IsDigit(c)) digits++;
            else if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c)) upper++;
                else if (char.IsLower(c)) lower++;
            }
        }
        if (letters == 0 && digits == 0) return Symbol;
        if (letters == 0) return Numeric;
        if (digits > 0) return HasDigit;
        if (upper == 0) return AllLower;
        if (lower == 0) return AllUpper;
        if (upper == 1 && char.IsUpper(token[0])) return InitialUpper;
        return MixedCase;
    }
}
