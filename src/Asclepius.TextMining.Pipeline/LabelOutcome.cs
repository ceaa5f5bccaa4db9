using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline;

/// <summary>
/// The result of labeling one note: the labeled document, or why it failed. A failure is about this note
/// only; the batch goes on. <see cref="Reason"/> is a coded, text-free sentence (an exception's own message
/// is never kept: it may quote the note); logs carry <see cref="ErrorCode"/> and <see cref="ExceptionType"/>.
/// </summary>
public sealed record LabelOutcome(Document Document, AnnotatedDocument? Result, string? ErrorCode = null, string? Reason = null, string? ExceptionType = null)
{
    /// <summary>Tokens the note had (for throughput figures); 0 when it failed before tokenizing.</summary>
    public int TokenCount { get; init; }

    public bool Succeeded => Result is not null;

    public string Id => Document.Id;

    public static LabelOutcome Success(AnnotatedDocument result, int tokenCount = 0) => new(result.Document, result) { TokenCount = tokenCount };

    public static LabelOutcome Failure(Document document, string code, string reason, string? exceptionType = null) =>
        new(document, null, code, reason, exceptionType);
}
