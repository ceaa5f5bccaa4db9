using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Pipeline.Linking;
using Asclepius.TextMining.Pipeline.Omop;
using Asclepius.TextMining.Pipeline.Outputs;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.Pipeline.Tests.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

/// <summary>NOTE_NLP concept columns from linked entities: the mapper, the CSV sink and the PostgreSQL store.</summary>
public static class LinkedNotes
{
    public const string Text = "Acute MI treated with aspirin; chest pain.";

    /// <summary>An OMOP-linked mention (standard after 'Maps to'), a mention linked to a non-OMOP id, and one unlinked.</summary>
    public static AnnotatedDocument Doc(string id) => new(new Document(id, Text),
    [
        new Entity("T1", new TextSpan(0, 8), "Disease", 0.9, Source: AnnotationSource.Predicted, Concept: "4329847",
            Link: new ConceptLink("4329847", "SNOMED", "Myocardial infarction", 0.8125, SourceId: "45533")),
        new Entity("T2", new TextSpan(22, 29), "Chemical", Source: AnnotationSource.Predicted, Concept: "D001241",
            Link: new ConceptLink("D001241", "MeSH", "Aspirin", 1.0)),
        new Entity("T3", new TextSpan(31, 41), "Disease", Source: AnnotationSource.Predicted),
    ]);
}

public sealed class NoteNlpConceptTests
{
    [Fact]
    public void Mapper_fills_concept_and_source_concept_ids_and_keeps_non_omop_ids_in_modifiers()
    {
        var rows = NoteNlpMapper.Map(LinkedNotes.Doc("7"), "m 1", DateTime.UnixEpoch);

        rows.Select(r => (r.NoteNlpConceptId, r.NoteNlpSourceConceptId)).Should().Equal((4329847, 45533), (0, 0), (0, 0));
        rows[0].TermModifiers.Should().Contain(";concept=4329847;concept_score=0.813");
        rows[1].TermModifiers.Should().Contain(";concept=D001241;concept_score=1");
        rows[2].TermModifiers.Should().NotContain("concept=");
    }

    [Fact]
    public void Omop_csv_sink_writes_the_concept_columns()
    {
        var dir = Path.Combine(Path.GetTempPath(), "atm-link-csv-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "note_nlp.csv");
            using (var w = new OmopCsvLabelWriter(path, "m 1")) w.Write(LinkedNotes.Doc("7"));
            var header = File.ReadLines(path).First().Split(',');
            var first = File.ReadLines(path).Skip(1).First().Split(',');
            first[Array.IndexOf(header, "note_nlp_concept_id")].Should().Be("4329847");
            first[Array.IndexOf(header, "note_nlp_source_concept_id")].Should().Be("45533");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresNoteNlpConceptTests(PostgresServer server)
{
    [Fact]
    public async Task Postgres_note_nlp_rows_carry_the_linked_concepts()
    {
        var cs = server.CreateDatabase("nlpconcept");
        await using var store = new PostgresNoteStore(cs);
        await store.EnsureSchemaAsync(default);
        await OmopTables.AddNotesAsync(cs, [(7L, (string?)LinkedNotes.Text)]);
        await store.EnqueueAsync("m 1", default);
        var batch = await store.ClaimAsync("m 1", "w", 10, default);
        await store.CompleteAsync("m 1", "w", batch.Select(n => LinkedNotes.Doc(n.Input.Document!.Id)).ToList(), true, null, default);

        var db = cs.Split("Database=")[1].Split(';')[0];
        server.Psql(db, "SELECT string_agg(note_nlp_concept_id || ':' || note_nlp_source_concept_id, ',' ORDER BY \"offset\"::int) FROM note_nlp").Trim()
            .Should().Be("4329847:45533,0:0,0:0");
    }
}
