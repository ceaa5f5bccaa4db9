namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// One lexicon concept as the offline generator uses it: <see cref="Nouns"/>[0] is the preferred name
/// (or its first usable variant when the name names a cause), the rest are variants usable where a noun goes; <see cref="Abbreviations"/> is the subset that reads as
/// a written abbreviation; <see cref="Adjectives"/> are adjectival forms kept out of noun slots.
/// </summary>
public sealed record PoolConcept(string Name, string Class, IReadOnlyList<string> Nouns, IReadOnlyList<string> Abbreviations, IReadOnlyList<string> Adjectives);
