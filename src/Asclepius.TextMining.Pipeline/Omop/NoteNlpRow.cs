namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>
/// One OMOP CDM 5.4 NOTE_NLP row: one predicted entity of one note. <see cref="NoteId"/> is the note id as
/// the source gave it (an OMOP note_id is an integer; see <see cref="OmopNoteId"/>). note_nlp_id is given
/// by the store that writes the row (a sequence, an autoincrement, a running number in a CSV).
/// <see cref="Snippet"/> is null under <see cref="SnippetPolicy.None"/>.
/// </summary>
public sealed record NoteNlpRow(
    string NoteId,
    int SectionConceptId,
    string? Snippet,
    string Offset,
    string LexicalVariant,
    int NoteNlpConceptId,
    int NoteNlpSourceConceptId,
    string NlpSystem,
    DateTime NlpDateTime,
    string TermExists,
    string TermTemporal,
    string TermModifiers)
{
    public DateOnly NlpDate => DateOnly.FromDateTime(NlpDateTime);

    /// <summary>The column names, in table order, as in the OMOP CDM DDL.</summary>
    public static readonly string[] Columns =
    [
        "note_nlp_id", "note_id", "section_concept_id", "snippet", "offset", "lexical_variant", "note_nlp_concept_id",
        "note_nlp_source_concept_id", "nlp_system", "nlp_date", "nlp_datetime", "term_exists", "term_temporal", "term_modifiers",
    ];
}
