namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// One slot occurrence in a template text: <c>{Label:n}</c>, <c>{Label:n|class=a,b}</c>, <c>{Label:n|alt}</c>
/// (an entity of a schema label) or <c>{~lexicon:n}</c> (a filler from a lexicon that is not an entity).
/// <see cref="Key"/> ("Chemical:1", "~diseases:1") names the concept: every occurrence of one key in a
/// document is the same concept.
/// </summary>
public sealed record TemplateSlot(string Key, string Name, int Number, bool IsEntity, IReadOnlyList<string>? Classes, bool Alt)
{
    /// <summary>The schema label of an entity slot; null for a filler.</summary>
    public string? Label => IsEntity ? Name : null;
}
