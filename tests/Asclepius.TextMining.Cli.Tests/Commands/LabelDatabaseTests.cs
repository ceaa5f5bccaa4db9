using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Storage;
using Asclepius.TextMining.TestKit;
using Asclepius.TextMining.TestKit.Omop;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`asclepius label --in postgres://...`: an OMOP NOTE table labeled into NOTE_NLP.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LabelDatabaseTests(PostgresServer server) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-labeldb-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Labels_the_note_table_into_note_nlp_reports_bad_notes_and_talks_only_to_loopback()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        var cs = server.CreateDatabase("cli");
        var db = cs.Split("Database=")[1].Split(';')[0];
        var notes = SyntheticNotes.Generate(300).Select(n => ((long)n.Id, (string?)n.Text)).ToList();
        await OmopTables.CreateLegacyAsync(cs); // nullable note_text, so a NULL note can be planted
        await OmopTables.AddNotesAsync(cs, notes.Concat([(9001L, (string?)null), (9002L, "  \n "), (9003L, new string('w', 3000))]));
        var pipeline = ExtractionPipeline.Load(model);
        var perNote = notes.Select(n => pipeline.Process(new Document(n.Item1.ToString(), n.Item2!)).Entities.Count).ToList();
        var expected = perNote.Sum();
        var uri = $"postgres://postgres@127.0.0.1:{server.Port}/{db}";
        var errors = Path.Combine(_dir, "errors.jsonl");

        using (var watch = new NetworkWatch())
        {
            CliApp.Run(["label", "-m", model, "-i", uri, "--errors", errors, "--max-note-chars", "2000", "-p", "2"]).Should().Be(CliApp.SomeInputsFailed);
            watch.Connections.Should().NotBeEmpty("the listener must see the PostgreSQL connection, or it proves nothing");
            watch.NonLoopback().Should().BeEmpty();
        }

        server.Psql(db, "SELECT count(*) FROM note_nlp").Trim().Should().Be(expected.ToString());
        server.Psql(db, "SELECT count(DISTINCT note_id) FROM note_nlp WHERE nlp_system = '" + pipeline.ModelIdentity + "'").Trim().Should().Be(perNote.Count(c => c > 0).ToString());
        server.Psql(db, "SELECT count(*) FROM asclepius.note_work WHERE state = 'done'").Trim().Should().Be("300");
        server.Psql(db, "SELECT count(*) FROM (SELECT note_id, \"offset\" FROM note_nlp GROUP BY 1, 2 HAVING count(*) > 1) d").Trim().Should().Be("0");
        File.ReadAllLines(errors).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().BeEquivalentTo(["9001", "9002", "9003"]);

        CliApp.Run(["label", "-m", model, "-i", cs, "--errors", errors]).Should().Be(CliApp.Ok, "a rerun skips labeled and parked notes");
        server.Psql(db, "SELECT count(*) FROM note_nlp").Trim().Should().Be(expected.ToString());
        server.Psql(db, "SELECT string_agg(note_id::text || ':' || substr(last_error, 1, 6), ',' ORDER BY note_id) FROM asclepius.note_work WHERE state = 'parked'").Trim()
            .Should().Be($"9001:{ErrorCodes.EmptyInput},9002:{ErrorCodes.EmptyInput},9003:{ErrorCodes.InputTooLarge}");
    }

    [Fact]
    public void An_output_file_with_a_note_table_is_a_usage_error()
    {
        var model = TestPackages.Dictionary(Path.Combine(_dir, "m.zip"));
        CliApp.Run(["label", "-m", model, "-i", server.ConnectionString, "-o", Path.Combine(_dir, "x.jsonl")]).Should().Be(CliApp.BadUsage);
    }
}
