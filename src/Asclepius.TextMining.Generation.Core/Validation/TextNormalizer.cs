using System.Text;

namespace Asclepius.TextMining.Generation.Validation;

/// <summary>The form two texts are compared in for deduplication: lower case, whitespace runs collapsed to one space, trimmed; digits and punctuation kept.</summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > 0; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
