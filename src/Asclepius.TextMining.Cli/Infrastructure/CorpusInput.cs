using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>
/// Reads a corpus for a command: resolves the format (named or detected), reads it all, and tells on
/// standard error what a lenient read skipped (file:line and reason, the first few, then a count).
/// A strict read stops at the first bad record with a TextMiningException naming file and line.
/// </summary>
public sealed record CorpusInput(string Path, string Format, IReadOnlyList<AnnotatedDocument> Documents, ReadReport Report)
{
    private const int ShownProblems = 10;

    public int Problems => Report.Problems.Count;

    public static CorpusInput Read(string path, string? format, bool lenient, TextWriter errors)
    {
        var resolved = CorpusFormats.Resolve(path, format);
        var report = new ReadReport();
        var documents = resolved.Read(path, new ReadOptions { Lenient = lenient }, report).ToList();
        var input = new CorpusInput(path, resolved.Name, documents, report);
        input.TellProblems(errors);
        return input;
    }

    private void TellProblems(TextWriter errors)
    {
        if (Report.Problems.Count == 0) return;
        foreach (var problem in Report.Problems.Take(ShownProblems)) errors.WriteLine($"skipped: {problem}");
        if (Report.Problems.Count > ShownProblems) errors.WriteLine($"skipped: ... and {Report.Problems.Count - ShownProblems} more");
        errors.WriteLine($"{Path}: {Report.Problems.Count} bad record(s) skipped (--lenient)");
    }
}
