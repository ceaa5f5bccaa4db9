namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>How entities become NOTE_NLP rows.</summary>
public sealed record NoteNlpOptions
{
    public static readonly NoteNlpOptions Default = new();

    /// <summary>Characters of context kept on each side of the mention in <c>snippet</c> (the column holds 250).</summary>
    public int SnippetRadius { get; init; } = 60;

    /// <summary>
    /// Section name (as the section annotator writes it, e.g. "HPI") → OMOP concept id for
    /// section_concept_id. A section not listed gives 0, and its name is still in term_modifiers.
    /// </summary>
    public IReadOnlyDictionary<string, int> SectionConcepts { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
}
