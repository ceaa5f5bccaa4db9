namespace Asclepius.TextMining.Core.Documents;

/// <summary>
/// A labeled mention. <see cref="Span"/> is the one truth; token tags are derived from it.
/// <see cref="Concept"/> keeps a normalized identifier as the source wrote it (PubTator "D008750",
/// composite "D123|D456"); <see cref="Section"/> is the clinical section the mention sits in, when known.
/// <see cref="Link"/> is what a linker (Link.Dictionary.v1) found; it also sets <see cref="Concept"/> to the
/// linked id, so relations and evaluation group mentions by it.
/// </summary>
public sealed record Entity(
    string Id,
    TextSpan Span,
    string Label,
    double Score = 1.0,
    Assertions Assertions = Assertions.None,
    AnnotationSource Source = AnnotationSource.Gold,
    string? Concept = null,
    string? Section = null,
    ConceptLink? Link = null)
{
    /// <summary>The concept identifiers of a composite mention ("D123|D456" gives both); empty when none.</summary>
    public IReadOnlyList<string> ConceptIds =>
        string.IsNullOrEmpty(Concept) || Concept == "-1"
            ? Array.Empty<string>()
            : Concept.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
