namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// The concepts that may serve mentions of one entity label: those of the listed domains (all when empty)
/// and of the listed vocabularies (all when empty). Compared case-insensitively.
/// </summary>
public sealed record LabelScope(IReadOnlyList<string> Domains, IReadOnlyList<string> Vocabularies)
{
    public bool Accepts(VocabularyConcept c) =>
        (Domains.Count == 0 || Domains.Contains(c.Domain, StringComparer.OrdinalIgnoreCase))
        && (Vocabularies.Count == 0 || Vocabularies.Contains(c.Vocabulary, StringComparer.OrdinalIgnoreCase));
}
