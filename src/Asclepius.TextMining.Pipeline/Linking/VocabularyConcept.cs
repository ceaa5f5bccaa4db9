namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// One concept of a site vocabulary: OMOP concept_id (or a TSV id), its preferred name, the vocabulary
/// it comes from ("SNOMED", "RxNorm", "MeSH"), its domain ("Condition", "Drug"; a TSV's class column)
/// and whether it is an OMOP standard concept.
/// </summary>
public sealed record VocabularyConcept(string Id, string Name, string Vocabulary, string Domain, bool Standard);
