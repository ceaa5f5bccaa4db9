namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>
/// A note (or a file, or a line) that could not be labeled: where it is, its id when known, a stable error
/// code and the reason. One line of errors.jsonl: {"id", "source", "line", "code", "reason"}.
/// </summary>
public sealed record NoteProblem(string? Id, string Source, int? Line, string Code, string Reason)
{
    public override string ToString() =>
        $"[{Code}] {Source}{(Line is { } l ? $":{l}" : "")}{(Id is null ? "" : $" (note {Id})")}: {Reason}";
}
