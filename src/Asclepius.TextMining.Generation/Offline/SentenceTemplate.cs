namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// One line of data/templates/&lt;schema&gt;.jsonl, parsed: the text split into literal parts and slots, the
/// relations between slot keys, the writing style and the assertion context of its main finding.
/// <see cref="Location"/> is "file:line" for error messages.
/// </summary>
public sealed record SentenceTemplate(
    string Id,
    string Schema,
    string Style,
    string? Relation,
    string Context,
    IReadOnlyList<TemplatePart> Parts,
    IReadOnlyList<TemplateRelation> Relations,
    string Location)
{
    /// <summary>The distinct slot keys in order of first appearance.</summary>
    public IEnumerable<TemplateSlot> FirstOccurrences =>
        Parts.Where(p => p.Slot is not null).Select(p => p.Slot!).DistinctBy(s => s.Key);
}
