using System.Diagnostics;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Pipeline.Files;
using Asclepius.TextMining.Pipeline.Notes;
using Asclepius.TextMining.Pipeline.Outputs;

namespace Asclepius.TextMining.Cli.Labeling;

/// <summary>
/// Labels notes read from files into a file output: streaming (a small window of notes in memory),
/// parallel, resumable (notes the output already holds from the same model are skipped), and every bad
/// input goes to the errors report while the rest is labeled.
/// </summary>
public static class FileLabelRun
{
    private const int CommitEveryNotes = 256;
    private static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(2);

    private sealed record Item(NoteInput Input, bool Skip, LabelOutcome? Outcome = null);

    public static LabelSummary Run(LabelRequest request, ExtractionPipeline pipeline, CancellationToken cancellationToken)
    {
        if (request.Out is null) throw new Infrastructure.UsageException("--out is required when --in is a file or folder");
        var reader = NoteReaders.Open(request.In, request.InFormat, request.IdColumn, request.TextColumn, request.MaxNoteChars);
        var format = LabelWriters.Resolve(request.Out, request.OutFormat);
        var errorsPath = request.Errors ?? DefaultErrorsPath(request.Out, format);
        // Nothing this run writes (or, with --overwrite, empties) may be something it reads.
        var inputs = InputFiles.Of(request.In, request.Model);
        inputs.CheckOutput(request.Out, "--out");
        foreach (var sidecar in LabelWriters.Sidecars(request.Out, format)) inputs.CheckOutput(sidecar, "--out's progress file");
        inputs.CheckOutput(errorsPath, "--errors");
        if (FileIdentity.Same(errorsPath, request.Out) || LabelWriters.Sidecars(request.Out, format).Any(s => FileIdentity.Same(errorsPath, s)))
            throw new Infrastructure.UsageException("--errors must differ from --out and its progress file");
        using var writer = LabelWriters.Open(request.Out, format, pipeline.ModelIdentity, request.Overwrite);
        using var errors = new ErrorReport(errorsPath);
        var summary = new LabelSummary { ErrorsPath = errors.Path };
        var clock = Stopwatch.StartNew();

        // Decided on the reading thread, before any note is labeled: skip what the output already holds,
        // report what cannot be labeled, refuse a second note with an id already seen.
        var done = writer.Done.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<Item> Items()
        {
            foreach (var input in reader.Read(cancellationToken))
            {
                if (input.Document is { } doc)
                {
                    if (!seen.Add(doc.Id))
                    {
                        var line = doc.Meta.TryGetValue("line", out var l) && int.TryParse(l, out var n) ? n : (int?)null;
                        yield return new Item(NoteInput.Bad(new NoteProblem(doc.Id, reader.Source, line, ErrorCodes.DuplicateId, $"note id '{doc.Id}' appears more than once in the input; only the first is labeled")), false);
                        continue;
                    }
                    if (done.Contains(doc.Id)) { yield return new Item(input, true); continue; }
                }
                yield return new Item(input, false);
            }
        }

        // Said the moment Ctrl-C arrives: should the notes in flight not finish their stage before
        // System.CommandLine ends the process (2 s), the user still learns that nothing is lost.
        using var stopping = cancellationToken.Register(() => Console.Error.WriteLine(
            $"stopping: notes already written are saved in {request.Out}; run the same command again to resume where this run stops"));
        try
        {
            return Label(reader, writer, errors, pipeline, summary, Items(), clock, request.Parallel, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Everything written so far is committed when the writer is disposed on the way out.
            Console.Error.WriteLine($"stopped: {summary.Labeled:N0} notes labeled this run are saved in {request.Out} ({summary.Skipped:N0} were there before, {summary.Failed:N0} failed); run the same command again to resume where this run stopped");
            throw;
        }
    }

    private static LabelSummary Label(INoteReader reader, ILabelWriter writer, ErrorReport errors, ExtractionPipeline pipeline, LabelSummary summary,
        IEnumerable<Item> items, Stopwatch clock, int parallel, CancellationToken cancellationToken)
    {
        return LabelProgress.Run("labeling", progress =>
        {
            var lastCommit = clock.Elapsed;
            var uncommitted = 0;
            // Consecutive notes go to a worker together, so a batch recognizer (BiLSTM-CRF) runs their
            // sentences in shared, length-sorted batches; output order stays the input order.
            var chunks = DocumentChunks.Split(items, item => item.Skip ? 0 : item.Input.Document?.Text.Length ?? 0);
            var results = OrderedParallel.Select(chunks, chunk => LabelChunk(chunk, pipeline, cancellationToken), parallel, cancellationToken)
                .SelectMany(items => items);
            foreach (var item in results)
            {
                if (item.Skip) summary.Skipped++;
                else if (item.Input.Problem is { } problem)
                {
                    errors.Add(problem);
                    summary.Failed++;
                }
                else if (item.Outcome is { Result: { } labeled } ok)
                {
                    writer.Write(labeled);
                    summary.Labeled++;
                    summary.Tokens += ok.TokenCount;
                    summary.Entities += labeled.Entities.Count;
                    uncommitted++;
                }
                else if (item.Outcome is { } failed)
                {
                    var meta = failed.Document.Meta;
                    var line = meta.TryGetValue("line", out var l) && int.TryParse(l, out var n) ? n : (int?)null;
                    errors.Add(new NoteProblem(failed.Id, meta.TryGetValue("source", out var s) ? s : reader.Source, line, failed.ErrorCode!, failed.Reason!));
                    summary.Failed++;
                }
                if (uncommitted >= CommitEveryNotes || (uncommitted > 0 && clock.Elapsed - lastCommit >= CommitEvery))
                {
                    writer.Commit();
                    uncommitted = 0;
                    lastCommit = clock.Elapsed;
                }
                progress.Update(reader.ProgressPosition, reader.ProgressTotal, summary);
            }
            writer.Commit();
            summary.Elapsed = clock.Elapsed;
            // An input with no note at all is a mistake (a wrong path, filter or format), not a success.
            if (summary.Labeled + summary.Skipped + summary.Failed == 0)
                throw new TextMiningException(ErrorCodes.EmptyInput, "holds no notes to label: nothing was labeled (check --in and --in-format)", reader.Source);
            return summary;
        });
    }

    private static Item[] LabelChunk(Item[] chunk, ExtractionPipeline pipeline, CancellationToken cancellationToken)
    {
        var todo = chunk.Select((item, i) => (item, i)).Where(p => !p.item.Skip && p.item.Input.Document is not null).ToArray();
        var outcomes = pipeline.TryProcessMany(todo.Select(p => p.item.Input.Document!).ToArray(), cancellationToken);
        var labeled = (Item[])chunk.Clone();
        for (var k = 0; k < todo.Length; k++) labeled[todo[k].i] = todo[k].item with { Outcome = outcomes[k] };
        return labeled;
    }

    /// <summary>out.jsonl → out.errors.jsonl; a BRAT folder → FOLDER.errors.jsonl beside it.</summary>
    public static string DefaultErrorsPath(string output, string format)
    {
        var full = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        if (format == "brat") return full + ".errors.jsonl";
        var ext = Path.GetExtension(full);
        return (ext.Length > 0 ? full[..^ext.Length] : full) + ".errors.jsonl";
    }
}
