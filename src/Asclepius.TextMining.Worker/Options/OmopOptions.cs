using Asclepius.TextMining.Pipeline.Omop;

namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Omop": how entities become NOTE_NLP rows (database sinks); docs/OMOP.md.</summary>
public sealed class OmopOptions
{
    public const string Section = "Omop";

    /// <summary>Mention (default), Window or None: what NOTE_NLP.snippet holds.</summary>
    public SnippetPolicy Snippet { get; set; } = NoteNlpOptions.Default.Snippet;

    /// <summary>Window: characters of context each side of the mention.</summary>
    public int SnippetRadius { get; set; } = NoteNlpOptions.Default.SnippetRadius;

    /// <summary>Window: mask dates, titled names, MRN-like and phone-like numbers (best effort).</summary>
    public bool MaskIdentifiers { get; set; } = NoteNlpOptions.Default.MaskIdentifiers;

    /// <summary>KeepAll (default) or Replace: rows of the model's earlier versions for a relabeled note.</summary>
    public NoteNlpVersions Versions { get; set; } = NoteNlpOptions.Default.Versions;

    /// <summary>Section name → OMOP concept id for NOTE_NLP.section_concept_id (unlisted sections give 0).</summary>
    public Dictionary<string, int> SectionConcepts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public NoteNlpOptions ToNoteNlpOptions() => new()
    {
        Snippet = Snippet,
        SnippetRadius = SnippetRadius,
        MaskIdentifiers = MaskIdentifiers,
        Versions = Versions,
        SectionConcepts = new Dictionary<string, int>(SectionConcepts, StringComparer.OrdinalIgnoreCase),
    };
}
