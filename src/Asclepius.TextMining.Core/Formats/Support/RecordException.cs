namespace Asclepius.TextMining.Core.Formats.Support;

/// <summary>
/// One bad record found while parsing. Readers throw it inside their parse step and hand it to
/// <see cref="ProblemSink"/>, which turns it into a TextMiningException (strict) or a ReadProblem (lenient).
/// </summary>
internal sealed class RecordException : Exception
{
    public RecordException(string code, string reason, int? line = null, string? documentId = null)
        : base(reason)
    {
        Code = code;
        Reason = reason;
        Line = line;
        DocumentId = documentId;
    }

    public string Code { get; }
    public string Reason { get; }
    public int? Line { get; }
    public string? DocumentId { get; }

    /// <summary>The rest of the file cannot be read either (its first line is not of this format): reading stops after it.</summary>
    public bool EndsFile { get; init; }

    /// <summary>The same problem with the line and document filled in where they were unknown.</summary>
    public RecordException At(int? line, string? documentId) =>
        new(Code, Reason, Line ?? line, DocumentId ?? documentId) { EndsFile = EndsFile };
}
