using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Omop;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Worker.Sinks;

/// <summary>OMOP NOTE_NLP in PostgreSQL. With a PostgreSQL source on the same database, the source writes the rows and the done marks in one transaction.</summary>
public sealed class PostgresLabelSink(PostgresNoteStore store, NoteNlpOptions nlpOptions) : ILabelSink
{
    public PostgresNoteStore Store { get; } = store;
    public NoteNlpOptions NlpOptions { get; } = nlpOptions;

    public string Describe => $"{Store.Location} {Store.Options.NoteNlp}";

    public Task StartAsync(CancellationToken cancellationToken) => Store.EnsureSchemaAsync(cancellationToken);

    public Task WriteAsync(string nlpSystem, IReadOnlyList<AnnotatedDocument> labeled, CancellationToken cancellationToken) =>
        Store.WriteNoteNlpAsync(nlpSystem, labeled, NlpOptions, cancellationToken);
}
