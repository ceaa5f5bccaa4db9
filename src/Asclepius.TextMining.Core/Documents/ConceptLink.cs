namespace Asclepius.TextMining.Core.Documents;

/// <summary>
/// The concept a linker chose for a mention, from the site's own vocabulary. <see cref="Id"/> is the
/// concept's identifier in that vocabulary (an OMOP concept_id, or whatever id a TSV vocabulary gives),
/// after following OMOP 'Maps to' to a standard concept; <see cref="SourceId"/> is the concept whose name
/// matched when it differs (a non-standard source concept). <see cref="Score"/> is 1 for an exact
/// normalized match and the character 3-gram cosine otherwise.
/// </summary>
public sealed record ConceptLink(string Id, string Vocabulary, string Name, double Score, string? SourceId = null);
