using System.Text;

namespace Asclepius.TextMining.Generation.Llm.Tests.Privacy;

/// <summary>Finds text of notes in what was sent: every window of a note's words (whitespace folded, case ignored) looked up among the windows of the sent text.</summary>
public static class NoteText
{
    /// <summary>Long enough that most ordinary clinical phrases shared by a prompt's own instructions, seeds and examples do not count as a leak (a control run removes the rest).</summary>
    public const int Window = 24;

    /// <summary>
    /// The first window of any note that occurs in any of the sent texts, or null. Windows that also occur in
    /// <paramref name="control"/> (what the same run sent with no note in reach) are not leaks: the offline examples
    /// and the note samples are written in the same clinical register and share phrases such as "history of
    /// present illness: the patient is a".
    /// </summary>
    public static string? FirstLeak(IEnumerable<string> notes, IEnumerable<string> sent, IEnumerable<string>? control = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in sent)
        {
            var t = Fold(s);
            for (var i = 0; i + Window <= t.Length; i++) seen.Add(t.Substring(i, Window));
        }
        foreach (var s in control ?? [])
        {
            var t = Fold(s);
            for (var i = 0; i + Window <= t.Length; i++) seen.Remove(t.Substring(i, Window));
        }
        foreach (var note in notes)
        {
            var t = Fold(note);
            for (var i = 0; i + Window <= t.Length; i++)
                if (seen.Contains(t.Substring(i, Window))) return t.Substring(i, Window);
        }
        return null;
    }

    private static string Fold(string text)
    {
        var b = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = b.Length > 0; continue; }
            if (space) { b.Append(' '); space = false; }
            b.Append(char.ToLowerInvariant(c));
        }
        return b.ToString();
    }
}
