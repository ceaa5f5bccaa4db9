using System.Collections.Concurrent;

namespace Asclepius.TextMining.TestKit;

/// <summary>Checks captured log text against note texts: the privacy rule is that no 12-character run of any note appears in any log line.</summary>
public static class LogCapture
{
    public const int Window = 12;

    /// <summary>The note 12-grams found in the logs (empty when the logs are clean). Whitespace-only windows are ignored.</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> logLines, IEnumerable<string> notes)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in logLines)
            for (var i = 0; i + Window <= line.Length; i++) grams.Add(line.Substring(i, Window));
        var leaks = new ConcurrentBag<string>();
        Parallel.ForEach(notes, note =>
        {
            for (var i = 0; i + Window <= note.Length; i++)
            {
                var g = note.Substring(i, Window);
                if (!string.IsNullOrWhiteSpace(g) && grams.Contains(g)) { leaks.Add(g); return; }
            }
        });
        return leaks.ToList();
    }
}
