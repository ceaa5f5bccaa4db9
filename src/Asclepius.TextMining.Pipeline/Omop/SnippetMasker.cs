using System.Text;
using System.Text.RegularExpressions;

namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>
/// Best-effort masking of identifiers in NOTE_NLP snippets: dates, names after a title (Mr, Mrs, Ms, Miss,
/// Dr, Prof, Patient, Pt), MRN-like numbers (after MRN/record/account/ID, or any run of 6+ digits),
/// phone-like numbers and e-mail addresses. It is a pattern list, not a de-identification system: names
/// without a title, addresses and rare date forms pass through. docs/OMOP.md says so.
/// </summary>
public static partial class SnippetMasker
{
    // The whole note is masked once with same-length placeholders, so entity offsets still point at the
    // mention; a snippet cut from it then shows each masked run as one tag.
    private const char DateMark = '\uE001';
    private const char NameMark = '\uE002';
    private const char IdMark = '\uE003';
    private const char PhoneMark = '\uE004';
    private const char EmailMark = '\uE005';

    /// <summary>The text with every identifier replaced, character for character, by a placeholder of its kind.</summary>
    public static string MaskInPlace(string text)
    {
        var chars = text.ToCharArray();
        Fill(chars, Email(), EmailMark);
        Fill(chars, Phone(), PhoneMark);
        Fill(chars, NumericDate(), DateMark);
        Fill(chars, WordDate(), DateMark);
        Fill(chars, LabeledId(), IdMark, group: "id");
        Fill(chars, LongNumber(), IdMark);
        Fill(chars, TitledName(), NameMark, group: "name");
        return new string(chars);
    }

    /// <summary>Turns each run of placeholders in a snippet cut from <see cref="MaskInPlace"/> into [DATE], [NAME], [ID], [PHONE] or [EMAIL].</summary>
    public static string Tags(string snippet)
    {
        if (snippet.AsSpan().IndexOfAnyInRange(DateMark, EmailMark) < 0) return snippet;
        var sb = new StringBuilder(snippet.Length);
        for (var i = 0; i < snippet.Length; i++)
        {
            var c = snippet[i];
            if (c is < DateMark or > EmailMark) { sb.Append(c); continue; }
            sb.Append(c switch { DateMark => "[DATE]", NameMark => "[NAME]", IdMark => "[ID]", PhoneMark => "[PHONE]", _ => "[EMAIL]" });
            while (i + 1 < snippet.Length && (snippet[i + 1] == c || (snippet[i + 1] == ' ' && i + 2 < snippet.Length && snippet[i + 2] == c))) i++;
        }
        return sb.ToString();
    }

    /// <summary>Masks one snippet on its own (for text that is not cut from a whole note).</summary>
    public static string Mask(string snippet) => Tags(MaskInPlace(snippet));

    private static void Fill(char[] chars, Regex pattern, char mark, string? group = null)
    {
        foreach (Match m in pattern.Matches(new string(chars)))
        {
            var g = group is null ? m.Groups[0] : m.Groups[group];
            for (var i = g.Index; i < g.Index + g.Length; i++) chars[i] = mark;
        }
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(\d{1,2}(st|nd|rd|th)?\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(\s+\d{1,2}(st|nd|rd|th)?)?,?\s+\d{4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\b(MRN|MR|record|rec|acct|account|ID|patient\s+(no|number|id))\b\.?\s*(no\.?|number|#)?\s*[:#]?\s*(?<id>[A-Z]{0,3}\d[\d-]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex LabeledId();

    [GeneratedRegex(@"\b\d{6,}\b")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Patient|Pt|Mister|Doctor)\b\.?\s+(?<name>[A-Z][A-Za-z'-]+(\s+[A-Z]\.)?(\s+[A-Z][A-Za-z'-]+)?)")]
    private static partial Regex TitledName();
}
