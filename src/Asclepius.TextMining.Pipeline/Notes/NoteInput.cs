using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Pipeline.Notes;

/// <summary>What a note reader yields: a readable note, or the problem that kept one from being read.</summary>
public sealed record NoteInput(Document? Document, NoteProblem? Problem)
{
    public static NoteInput Ok(Document document) => new(document, null);

    public static NoteInput Bad(NoteProblem problem) => new(null, problem);

    public string? Id => Document?.Id ?? Problem?.Id;
}
