namespace Asclepius.TextMining.Generation.Validation;

/// <summary>Finds where a mention's string occurs in a text, at word boundaries only ("MI" is not in "MICU").</summary>
internal static class MentionLocator
{
    public static List<int> FindAll(string text, string mention, StringComparison comparison)
    {
        var found = new List<int>();
        if (mention.Length == 0) return found;
        var from = 0;
        while (from <= text.Length - mention.Length)
        {
            var at = text.IndexOf(mention, from, comparison);
            if (at < 0) break;
            if (AtBoundaries(text, at, mention.Length))
            {
                found.Add(at);
                from = at + mention.Length; // occurrences do not overlap
            }
            else
            {
                from = at + 1;
            }
        }
        return found;
    }

    /// <summary>A mention that starts (ends) with a letter or digit must not continue a word before (after) it.</summary>
    public static bool AtBoundaries(string text, int start, int length)
    {
        var end = start + length;
        if (char.IsLetterOrDigit(text[start]) && start > 0 && char.IsLetterOrDigit(text[start - 1])) return false;
        if (char.IsLetterOrDigit(text[end - 1]) && end < text.Length && char.IsLetterOrDigit(text[end])) return false;
        return true;
    }
}
