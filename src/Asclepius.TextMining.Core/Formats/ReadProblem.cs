namespace Asclepius.TextMining.Core.Formats;

/// <summary>One bad record: where it is (file, line, document id when known), the error code and why.</summary>
public sealed record ReadProblem(string File, int? Line, string? DocumentId, string Code, string Reason)
{
    public override string ToString() =>
        $"[{Code}] {File}{(Line is { } l ? $":{l}" : "")}{(DocumentId is null ? "" : $" (document {DocumentId})")}: {Reason}";
}
