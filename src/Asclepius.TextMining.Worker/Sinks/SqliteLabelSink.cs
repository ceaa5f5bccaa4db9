using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Worker.Sinks;

/// <summary>The note_nlp table of a SQLite database (OMOP columns, note_id as text).</summary>
public sealed class SqliteLabelSink(SqliteNoteStore store, NoteNlpOptions nlpOptions) : ILabelSink
{
    public SqliteNoteStore Store { get; } = store;
    public NoteNlpOptions NlpOptions { get; } = nlpOptions;

    public string Describe => $"{Store.Location} note_nlp";

    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(Store.EnsureSchema, cancellationToken);

    public Task WriteAsync(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, CancellationToken cancellationToken) =>
        Task.Run(() => Store.WriteNoteNlp(nlpSystem, labeled, NlpOptions), cancellationToken);
}
