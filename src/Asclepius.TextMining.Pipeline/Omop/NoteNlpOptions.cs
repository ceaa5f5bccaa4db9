namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>How entities become NOTE_NLP rows.</summary>
public sealed record NoteNlpOptions
{
    public static readonly NoteNlpOptions Default = new();

    /// <summary>
    /// What <c>snippet</c> holds. Default <see cref="SnippetPolicy.Mention"/>: NOTE_NLP is often shared more
    /// widely than NOTE, and masking is best effort, so context is opt-in (docs/OMOP.md).
    /// </summary>
    public SnippetPolicy Snippet { get; init; } = SnippetPolicy.Mention;

    /// <summary>Window policy: characters of context kept on each side of the mention (the column holds 250).</summary>
    public int SnippetRadius { get; init; } = 60;

    /// <summary>Window policy: mask dates, titled names, MRN-like and phone-like numbers in the context (best effort, <see cref="SnippetMasker"/>).</summary>
    public bool MaskIdentifiers { get; init; } = true;

    /// <summary>Rows of earlier versions of the same model: kept beside the new ones, or replaced in the same transaction.</summary>
    public NoteNlpVersions Versions { get; init; } = NoteNlpVersions.KeepAll;

    /// <summary>
    /// Section name (as the section rules write it, e.g. "history_of_present_illness") → OMOP concept id for
    /// section_concept_id. A section not listed gives 0, and its name is still in term_modifiers.
    /// </summary>
    public IReadOnlyDictionary<string, int> SectionConcepts { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
}
