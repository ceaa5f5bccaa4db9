namespace Asclepius.TextMining.Pipeline.Omop;

/// <summary>What happens to a note's NOTE_NLP rows of earlier model versions when a new version labels it.</summary>
public enum NoteNlpVersions
{
    /// <summary>Rows of every version stay side by side (filter on nlp_system, or use the current-version query in docs/OMOP.md).</summary>
    KeepAll,

    /// <summary>The same transaction that writes a note's rows deletes the rows of the model's earlier versions (same name, other version).</summary>
    Replace,
}
