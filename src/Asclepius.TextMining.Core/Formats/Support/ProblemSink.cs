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

    /// <summary>
    /// The records of this sink's file, one a line: every non-blank line (strict UTF-8) and its number go to
    /// <paramref name="parse"/>, which returns the record, null for a line that holds none (a header), or throws
    /// a <see cref="RecordException"/>. Such a problem, or a line that is not text, is failed at its line (strict
    /// mode throws; lenient reports it and reads on, unless it <see cref="RecordException.EndsFile"/>). A file that
    /// cannot be opened fails as a file; one without a non-blank line fails with ATM105 <paramref name="emptyReason"/>.
    /// </summary>
    public IEnumerable<T> LineRecords<T>(Func<string, int, T?> parse, string emptyReason) where T : class =>
        Records((bytes, n) => Utf8LineReader.Decode(bytes, n) is var line && line.Trim().Length > 0 ? line : null, parse, emptyReason);

    /// <summary>
    /// <see cref="LineRecords{T}"/> for a parser that reads the line's UTF-8 bytes itself (JSON): a line of spaces,
    /// tabs and CRs is blank; decoding and its errors are the parser's.
    /// </summary>
    public IEnumerable<T> ByteLineRecords<T>(Func<byte[], int, T?> parse, string emptyReason) where T : class =>
        Records((bytes, _) => bytes.ContainsAnyExcept((byte)' ', (byte)'\t', (byte)'\r') ? bytes.ToArray() : null, parse, emptyReason);

    private delegate TLine? LineReading<TLine>(ReadOnlySpan<byte> bytes, int number);

    private IEnumerable<TRecord> Records<TLine, TRecord>(LineReading<TLine> read, Func<TLine, int, TRecord?> parse, string emptyReason)
        where TLine : class where TRecord : class
    {
        var lines = OpenLines(File);
        if (lines is null) yield break;
        using (lines)
        {
            var any = false;
            while (true)
            {
                TRecord? record;
                try
                {
                    if (!lines.TryReadLine(out var bytes)) break;
                    var line = read(bytes, lines.LineNumber);
                    if (line is null) continue;
                    any = true;
                    record = parse(line, lines.LineNumber);
                }
                catch (RecordException e)
                {
                    Fail(e.At(lines.LineNumber, null));
                    if (e.EndsFile) yield break;
                    continue;
                }
                if (record is not null) yield return record;
            }
            if (!any) Fail(ErrorCodes.EmptyInput, emptyReason);
        }
    }

    public static string Location(string file, int? line, string? documentId) =>
        file + (line is { } l ? $":{l}" : "") + (documentId is null ? "" : $" (document {documentId})");
}
