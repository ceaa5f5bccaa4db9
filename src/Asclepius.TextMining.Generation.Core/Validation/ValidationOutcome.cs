using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Generation.Validation;

/// <summary>
/// The verdict on one candidate: a document (kept) or the reason it was dropped, plus entity-level
/// drops and repairs, which are counted in run.json either way.
/// </summary>
public sealed record ValidationOutcome(
    AnnotatedDocument? Document,
    string? DropReason,
    IReadOnlyDictionary<string, int> EntityDrops,
    IReadOnlyDictionary<string, int> Repairs)
{
    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    public bool Kept => Document is not null;

    public static ValidationOutcome Drop(string reason, IReadOnlyDictionary<string, int>? entityDrops = null) =>
        new(null, reason, entityDrops ?? None, None);
}
