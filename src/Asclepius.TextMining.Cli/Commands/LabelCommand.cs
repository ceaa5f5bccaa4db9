using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Labeling;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Outputs;
using Asclepius.TextMining.Pipeline.Storage;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius label`: applies a model package to an archive of notes (folder of .txt, JSONL, CSV, BRAT,
/// or an OMOP NOTE table) and writes JSONL, BRAT, OMOP CSV or NOTE_NLP. Exit code 3 when some inputs failed
/// (they are listed in the errors report); everything else is labeled.
/// </summary>
public static class LabelCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model package (.zip) to label with.", Required = true };
        var input = new Option<string>("--in", "-i")
        {
            Description = "Notes to label: a folder of .txt (or BRAT), a .jsonl, .csv or .tsv file, or an OMOP NOTE table as postgres://user@host:port/db or \"Host=...;Database=...\".",
            Required = true,
        };
        var output = new Option<string?>("--out", "-o") { Description = "Output file (JSONL, OMOP CSV) or folder (BRAT). Omit with a NOTE table: labels go to NOTE_NLP." };
        var inFormat = new Option<string?>("--in-format") { Description = $"Input format when it cannot be told from the path: {string.Join(", ", NoteReaders.FileFormats)} (or a corpus format such as pubtator)." };
        var outFormat = new Option<string?>("--out-format") { Description = "jsonl (native, default), brat or omop-csv (NOTE_NLP rows). Default from --out: .csv → omop-csv, a folder → brat, else jsonl." };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Notes labeled at once (threads).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var idColumn = new Option<string?>("--id-column") { Description = "CSV column / JSON field with the note id (default note_id or id; a CSV without one gets content ids, sha256- and 16 hex digits of the text, so a rerun resumes correctly whatever rows were inserted)." };
        var textColumn = new Option<string?>("--text-column") { Description = "CSV column / JSON field with the note text (default text or note_text)." };
        var errors = new Option<string?>("--errors") { Description = "Where to list inputs that could not be labeled (default OUT.errors.jsonl; errors.jsonl for a NOTE table)." };
        var maxChars = new Option<int>("--max-note-chars") { Description = "Notes longer than this are reported, not labeled.", DefaultValueFactory = _ => NoteText.DefaultMaxChars };
        var overwrite = new Option<bool>("--overwrite") { Description = "Start the output over instead of resuming it." };
        var device = DeviceOption.Create("");

        var command = new Command("label", "Label an archive of notes with a model package: streaming, parallel, resumable; bad inputs are reported, the rest is labeled.")
        {
            model, input, output, inFormat, outFormat, parallel, idColumn, textColumn, errors, maxChars, overwrite, device,
        };
        // Run off the invoking thread: on Ctrl-C the token is cancelled and the run stops within a stage of
        // a note, commits and says so; should it not return in time, System.CommandLine ends the process
        // (exit 130) and the ledger still makes the rerun resume.
        command.SetAction((parse, cancellationToken) => Task.Run(() => CommandAction.Run(() =>
        {
            var request = new LabelRequest(
                parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(inFormat), parse.GetValue(outFormat),
                parse.GetValue(parallel), parse.GetValue(idColumn), parse.GetValue(textColumn), parse.GetValue(errors), parse.GetValue(maxChars), parse.GetValue(overwrite),
                parse.GetValue(device) ?? "cpu");
            return Run(request, cancellationToken);
        }), CancellationToken.None));
        return command;
    }

    public static int Run(LabelRequest request, CancellationToken cancellationToken)
    {
        if (request.Parallel is < 1 or > OrderedParallel.MaxParallelism) throw new UsageException($"--parallel must be between 1 and {OrderedParallel.MaxParallelism}");
        if (request.MaxNoteChars < 1) throw new UsageException("--max-note-chars must be at least 1");
        if (request.OutFormat is not null && !LabelWriters.Formats.Contains(request.OutFormat.ToLowerInvariant()))
            throw new UsageException($"--out-format must be one of: {string.Join(", ", LabelWriters.Formats)}");
        var pipeline = ExtractionPipeline.Load(request.Model, request.Device);
        if (pipeline.Recognizer is null) Console.Error.WriteLine($"warning: model {pipeline.ModelIdentity} has no entity recognizer; notes will have no entities");
        var summary = PostgresConnectionString.IsPostgres(request.In)
            ? DatabaseLabelRun.Run(request, pipeline, cancellationToken)
            : FileLabelRun.Run(request, pipeline, cancellationToken);
        Console.WriteLine($"{pipeline.ModelIdentity}: {summary}");
        return summary.Failed > 0 ? CliApp.SomeInputsFailed : CliApp.Ok;
    }
}
