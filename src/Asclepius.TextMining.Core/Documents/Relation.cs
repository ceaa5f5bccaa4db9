namespace Asclepius.TextMining.Core.Documents;

/// <summary>
/// A directed relation between two entities of the same document, by entity id.
/// Document-level relations (PubTator CID) hold between concepts: then <see cref="HeadConcept"/> and
/// <see cref="TailConcept"/> are set and HeadId/TailId name one mention of each concept.
/// </summary>
public sealed record Relation(
    string Id,
    string Label,
    string HeadId,
    string TailId,
    double Score = 1.0,
    AnnotationSource Source = AnnotationSource.Gold,
    string? HeadConcept = null,
    string? TailConcept = null)
{
    public bool IsConceptLevel => HeadConcept is not null && TailConcept is not null;
}
