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
    /// <summary>
    /// A template with filler slots only (no entity): context sentences ("Mean arterial pressure (MAP) was
    /// recorded every 15 minutes.") that the generator adds to documents of other templates, never alone.
    /// </summary>
    public bool IsCompanion => Parts.All(p => p.Slot is null || !p.Slot.IsEntity);

    /// <summary>The distinct slot keys in order of first appearance.</summary>
    public IEnumerable<TemplateSlot> FirstOccurrences =>
        Parts.Where(p => p.Slot is not null).Select(p => p.Slot!).DistinctBy(s => s.Key);
}
