using System.Text;

namespace Asclepius.TextMining.Generation.Llm.Tests.Privacy;

/// <summary>Finds text of notes in what was sent: every window of a note (whitespace folded, case ignored) looked up among the windows of the sent text.</summary>
public static class NoteText
{
    /// <summary>
    /// For real-looking notes: long enough that ordinary clinical phrases a prompt's own examples compose
    /// from the lexicons ("history of myocardial infarction") do not count as a leak.
    /// </summary>
    public const int Window = 48;

    /// <summary>For a note written to be distinctive (names, MRN, places): any 12 characters of it are a leak.</summary>
    public const int DistinctiveWindow = 12;

    /// <summary>
    /// The first window of any note that occurs in any of the sent texts and in none of the
    /// <paramref name="ownSources"/> (the project's lexicons, templates and prompts, which a prompt may
    /// quote: "history of myocardial infarction" there is not note text), or null.
    /// </summary>
    public static string? FirstLeak(IEnumerable<string> notes, IEnumerable<string> sent, IEnumerable<string>? ownSources = null, int window = Window)
    {
        var seen = Windows(sent, window);
        var own = Windows(ownSources ?? [], window);
        foreach (var note in notes)
        {
            var t = Fold(note);
            for (var i = 0; i + window <= t.Length; i++)
            {
                var w = t.Substring(i, window);
                if (seen.Contains(w) && !own.Contains(w)) return w;
            }
        }
        return null;
    }

    private static HashSet<string> Windows(IEnumerable<string> texts, int window)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in texts)
        {
            var t = Fold(s);
            for (var i = 0; i + window <= t.Length; i++) set.Add(t.Substring(i, window));
        }
        return set;
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
