using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// Where a reader sends bad records: strict mode throws at the first one (file, line, document, reason);
/// lenient mode records it in the <see cref="ReadReport"/> and the reader goes on with the next record.
/// </summary>
internal sealed class ProblemSink
{
    private readonly ReadOptions _options;

    public ProblemSink(string file, ReadOptions options, ReadReport report)
    {
        File = file;
        _options = options;
        Report = report;
    }

    public string File { get; }
    public ReadReport Report { get; }
    public bool Lenient => _options.Lenient;

    public void Fail(string code, string reason, int? line = null, string? documentId = null)
    {
        if (!_options.Lenient) throw new TextMiningException(code, reason, Location(File, line, documentId));
        Report.Add(new ReadProblem(File, line, documentId, code, reason));
    }

    public void Fail(RecordException e) => Fail(e.Code, e.Reason, e.Line, e.DocumentId);

    /// <summary>A file-level failure (unreadable, empty): strict throws, lenient reports and the file yields nothing.</summary>
    public void FailFile(TextMiningException e)
    {
        if (!_options.Lenient) throw e;
        Report.Add(new ReadProblem(File, null, null, e.Code, e.Reason));
    }

    /// <summary>The lines of <paramref name="path"/>, or null when it cannot be opened (failed as a file: strict throws, lenient reports).</summary>
    public Utf8LineReader? OpenLines(string path)
    {
        try
        {
            return new Utf8LineReader(path);
        }
        catch (TextMiningException e)
        {
            FailFile(e);
            return null;
        }
    }

    public static string Location(string file, int? line, string? documentId) =>
        file + (line is { } l ? $":{l}" : "") + (documentId is null ? "" : $" (document {documentId})");
}
