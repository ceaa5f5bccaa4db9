using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>
/// Reads a corpus for a command: resolves the format (named or detected), reads it, and tells on
/// standard error what a lenient read skipped (file:line and reason, the first few, then a count).
/// A strict read stops at the first bad record with a TextMiningException naming file and line.
/// </summary>
public sealed record CorpusInput(string Path, string Format, IReadOnlyList<AnnotatedDocument> Documents, ReadReport Report)
{
    private const int ShownProblems = 10;

    public int Problems => Report.Problems.Count;

    /// <summary>Reads the whole corpus into memory (evaluation and conversion need it all at once).</summary>
    public static CorpusInput Read(string path, string? format, bool lenient, TextWriter errors)
    {
        var (resolved, documents, report) = Stream(path, format, lenient);
        var input = new CorpusInput(path, resolved.Name, documents.ToList(), report);
        TellProblems(path, report, errors);
        return input;
    }

    /// <summary>
    /// The documents as the reader yields them, for one pass over a corpus of any size; the report fills
    /// while they are enumerated, so call <see cref="TellProblems"/> after.
    /// </summary>
    public static (ICorpusFormat Format, IEnumerable<AnnotatedDocument> Documents, ReadReport Report) Stream(string path, string? format, bool lenient)
    {
        var resolved = CorpusFormats.Resolve(path, format);
        var report = new ReadReport();
        return (resolved, resolved.Read(path, new ReadOptions { Lenient = lenient }, report), report);
    }

    public static void TellProblems(string path, ReadReport report, TextWriter errors)
    {
        // What the reader counted but could not keep (discontinuous BRAT entities, ...): told, never silent.
        foreach (var (what, n) in report.Notes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) errors.WriteLine($"note: {path}: {what}: {n:N0}");
        if (report.Problems.Count == 0) return;
        foreach (var problem in report.Problems.Take(ShownProblems)) errors.WriteLine($"skipped: {problem}");
        if (report.Problems.Count > ShownProblems) errors.WriteLine($"skipped: ... and {report.Problems.Count - ShownProblems} more");
        errors.WriteLine($"{path}: {report.Problems.Count} bad record(s) skipped (--lenient)");
    }
}
