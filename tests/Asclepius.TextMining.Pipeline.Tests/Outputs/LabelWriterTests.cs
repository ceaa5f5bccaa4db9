using System.Text;
using System.Text.Json;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline.Outputs;

namespace Asclepius.TextMining.Pipeline.Tests.Outputs;

public sealed class LabelWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static AnnotatedDocument Doc(string id, string text = "no aspirin today") =>
        new(new Document(id, text), [new Entity("T1", new TextSpan(3, 10), "Chemical", 0.5, Assertions.Negated, AnnotationSource.Predicted, Section: "Plan")]);

    [Fact]
    public void Jsonl_lines_hold_the_native_layout_with_the_model()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        using (var w = new JsonlLabelWriter(path, "m 1")) w.Write(Doc("a"));
        using var json = JsonDocument.Parse(File.ReadAllLines(path).Single());
        var e = json.RootElement.GetProperty("entities")[0];
        e.GetProperty("text").GetString().Should().Be("aspirin");
        e.GetProperty("assertions")[0].GetString().Should().Be("negated");
        e.GetProperty("section").GetString().Should().Be("Plan");
        e.GetProperty("source").GetString().Should().Be("predicted");
        json.RootElement.GetProperty("metadata").GetProperty("nlp_system").GetString().Should().Be("m 1");
    }

    [Fact]
    public void A_rerun_resumes_and_drops_what_a_crash_left_uncommitted()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        using (var w = new JsonlLabelWriter(path, "m 1"))
        {
            w.Write(Doc("a"));
            w.Write(Doc("b"));
        }
        // A crash in the middle of the next write: half a line that the progress file does not cover.
        File.AppendAllText(path, "{\"id\":\"c\",\"te");
        using (var w = new JsonlLabelWriter(path, "m 1"))
        {
            w.Done.Should().BeEquivalentTo(["a", "b"]);
            w.Write(Doc("c"));
        }
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a", "b", "c");
    }

    [Fact]
    public void A_partial_progress_entry_is_ignored()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        using (var w = new JsonlLabelWriter(path, "m 1")) w.Write(Doc("a"));
        File.AppendAllText(path + ".progress", "{\"id\":\"b\",\"en");
        using var again = new JsonlLabelWriter(path, "m 1");
        again.Done.Should().BeEquivalentTo(["a"]);
    }

    [Fact]
    public void Output_of_another_model_is_refused_unless_overwritten()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        using (var w = new JsonlLabelWriter(path, "m 1")) w.Write(Doc("a"));
        var act = () => new JsonlLabelWriter(path, "m 2");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputMismatch && e.Message.Contains("m 1"));
        using var fresh = new JsonlLabelWriter(path, "m 2", overwrite: true);
        fresh.Done.Should().BeEmpty();
    }

    [Fact]
    public void An_existing_file_without_progress_is_not_appended_to()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        File.WriteAllText(path, "something\n");
        var act = () => new JsonlLabelWriter(path, "m 1");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputMismatch);
    }

    [Fact]
    public void Omop_csv_has_a_header_and_running_ids_across_resumes()
    {
        var path = Path.Combine(_dir, "nlp.csv");
        using (var w = new OmopCsvLabelWriter(path, "m 1")) w.Write(Doc("10"));
        using (var w = new OmopCsvLabelWriter(path, "m 1")) w.Write(Doc("11"));
        var lines = File.ReadAllLines(path);
        lines[0].Should().StartWith("note_nlp_id,note_id,section_concept_id,snippet,offset,lexical_variant");
        lines.Skip(1).Select(l => l.Split(',')[0] + ":" + l.Split(',')[1]).Should().Equal("1:10", "2:11");
        lines[1].Should().Contain(",N,present,");
    }

    [Fact]
    public void Brat_writes_txt_ann_and_splits_spans_at_line_breaks()
    {
        var folder = Path.Combine(_dir, "brat");
        var doc = new AnnotatedDocument(new Document("d/1", "chest\npain, aspirin"),
            [new Entity("T1", new TextSpan(0, 10), "Disease", Assertions: Assertions.Negated), new Entity("T2", new TextSpan(12, 19), "Chemical")],
            [new Relation("R1", "CID", "T2", "T1")]);
        using (var w = new BratLabelWriter(folder, "m 1")) w.Write(doc);
        File.ReadAllText(Path.Combine(folder, "d", "1.txt")).Should().Be("chest\npain, aspirin");
        File.ReadAllText(Path.Combine(folder, "d", "1.ann")).Should().Be(
            "T1\tDisease 0 5;6 10\tchest pain\nT2\tChemical 12 19\taspirin\nR1\tCID Arg1:T2 Arg2:T1\nA1\tNegated T1\n");
        using var again = new BratLabelWriter(folder, "m 1");
        again.Done.Should().BeEquivalentTo(["d/1"]);
    }

    [Fact]
    public void Error_report_writes_one_json_line_per_problem_and_replaces_an_old_report()
    {
        var path = Path.Combine(_dir, "errors.jsonl");
        File.WriteAllText(path, "{\"id\":\"n0\",\"source\":\"old.csv\",\"line\":1,\"code\":\"ATM101\",\"reason\":\"old\"}\n");
        using (var r = new ErrorReport(path))
        {
            File.Exists(path).Should().BeFalse();
            r.Add(new Pipeline.Notes.NoteProblem("n1", "in.csv", 3, ErrorCodes.InvalidEncoding, "not valid UTF-8"));
            r.Add(new Pipeline.Notes.NoteProblem(null, "in.jsonl", null, ErrorCodes.MalformedRecord, "bad"));
        }
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        lines[0].Should().Be("{\"id\":\"n1\",\"source\":\"in.csv\",\"line\":3,\"code\":\"ATM104\",\"reason\":\"not valid UTF-8\"}");
        lines[1].Should().Be("{\"id\":null,\"source\":\"in.jsonl\",\"line\":null,\"code\":\"ATM101\",\"reason\":\"bad\"}");
    }

    [Fact]
    public void Error_report_never_replaces_a_file_that_is_not_a_report()
    {
        var path = Path.Combine(_dir, "notes.csv");
        File.WriteAllText(path, "id,text\n1,precious\n");
        var act = () => new ErrorReport(path);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputMismatch);
        File.ReadAllText(path).Should().Be("id,text\n1,precious\n");
    }

    [Fact]
    public void A_second_writer_on_one_output_fails_at_once_naming_the_holder_and_the_first_is_untouched()
    {
        var path = Path.Combine(_dir, "out.jsonl");
        using (var first = new JsonlLabelWriter(path, "m 1"))
        {
            first.Write(Doc("a"));
            first.Commit();
            foreach (var overwrite in new[] { false, true })
            {
                var act = () => new JsonlLabelWriter(path, "m 1", overwrite);
                act.Should().Throw<TextMiningException>()
                    .Where(e => e.Code == ErrorCodes.OutputInUse && e.Message.Contains($"pid {Environment.ProcessId}"));
            }
            first.Write(Doc("b"));
        }
        File.ReadAllLines(path).Should().HaveCount(2, "the refused writers, --overwrite included, must not have cut the output");
        File.Exists(path + ".progress.lock").Should().BeFalse("the holder note goes with the lock");
        using var again = new JsonlLabelWriter(path, "m 1");
        again.Done.Should().BeEquivalentTo(["a", "b"]);
    }

    [Fact]
    public void A_second_brat_writer_on_one_folder_fails_at_once()
    {
        var folder = Path.Combine(_dir, "brat");
        using var first = new BratLabelWriter(folder, "m 1");
        var act = () => new BratLabelWriter(folder, "m 1", overwrite: true);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.OutputInUse);
    }
}
