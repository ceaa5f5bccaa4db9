using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Evaluation;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.Pipeline;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Training;

/// <summary>
/// `asclepius train ner`: reads the corpora (any format the foundation reads), trains the chosen backend
/// with a progress display, writes MODEL.zip (best on dev) and, when the backend iterates and its last
/// iteration differs, MODEL.last.zip; then loads MODEL.zip back through the pipeline, as labeling will.
/// </summary>
public static class NerTrainRun
{
    public static int Run(NerTrainRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var console = Terminal.Create();
        var train = CorpusInput.Read(request.Train, request.Format, request.Lenient, Console.Error);
        var dev = request.Dev is null ? null : CorpusInput.Read(request.Dev, request.Format, request.Lenient, Console.Error);
        var test = request.Test is null ? null : CorpusInput.Read(request.Test, request.Format, request.Lenient, Console.Error);
        var schema = request.Schema is null ? null : LabelSchema.Load(request.Schema);

        var trainSet = NerTrainingSet.Build(train.Documents, TagScheme.Bilou, "train", request.Train, cancellationToken: cancellationToken);
        var devSet = dev is null ? null : NerTrainingSet.Build(dev.Documents, TagScheme.Bilou, "dev", request.Dev, requireEntities: false, cancellationToken: cancellationToken);
        console.WriteLine($"train: {trainSet.Documents.Count} documents, {trainSet.TokenCount} tokens, {trainSet.EntityCount} entities ({Counts(trainSet)})");
        console.WriteLine(devSet is null ? "dev: none (the last model is kept)" : $"dev: {devSet.Documents.Count} documents, {devSet.EntityCount} entities");
        var misaligned = trainSet.Count(AlignmentProblemKind.Misaligned) + trainSet.Count(AlignmentProblemKind.Empty);
        if (misaligned > 0)
            console.WriteLine($"{misaligned} training entities do not align to token boundaries: their tokens are left out of training (first: {trainSet.Problems.First(p => p.Kind != AlignmentProblemKind.Overlapping).Reason})");

        var name = request.Name ?? Path.GetFileNameWithoutExtension(request.Out);
        var view = new TrainingProgressView(console);
        var outcome = request.Backend switch
        {
            NerTrainRequest.TokenWindow => TrainTokenWindow(request, trainSet, devSet, name, view, cancellationToken),
            NerTrainRequest.Transformer => TrainTransformer(request, trainSet, devSet, name, view, cancellationToken),
            _ => TrainBiLstmCrf(request, trainSet, devSet, name, view, cancellationToken),
        };
        try
        {
            EvaluationResult? testScores = null;
            if (test is not null)
            {
                console.WriteLine($"scoring {test.Documents.Count} test documents");
                testScores = NerEvaluation.Evaluate(outcome.BestRecognizer, test.Documents, cancellationToken);
            }

            var summary = outcome.Best.TrainingSummary?.DeepClone().AsObject() ?? new JsonObject();
            summary["history"] = outcome.History.DeepClone();
            var best = outcome.Best with
            {
                Schema = schema,
                TrainPath = request.Train,
                DevPath = request.Dev,
                Format = train.Format,
                TestScores = testScores,
                TrainingSummary = summary,
                // "no chest pain" must not come out as chest pain: trained packages carry sections and assertions.
                WithClinicalContext = true,
            };
            NerPackageWriter.Save(best, request.Out);
            if (outcome.Last is { } lastRequest)
            {
                var lastSummary = lastRequest.TrainingSummary?.DeepClone().AsObject() ?? new JsonObject();
                lastSummary["history"] = outcome.History.DeepClone();
                NerPackageWriter.Save(lastRequest with { Schema = schema, TrainPath = request.Train, DevPath = request.Dev, Format = train.Format, TrainingSummary = lastSummary, WithClinicalContext = true }, request.LastPath);
            }

            // Load what was written, as labeling will: a package this command writes always loads.
            var pipeline = ExtractionPipeline.Load(request.Out);
            if (best.DevScores is { } devScores) Print(console, "dev", devScores);
            if (testScores is not null) Print(console, "test", testScores);
            if (outcome.Note is not null) console.WriteLine(outcome.Note);
            console.WriteLine($"{pipeline.ModelIdentity}: {best.Kind} → {request.Out} ({new FileInfo(request.Out).Length / 1024.0 / 1024.0:0.0} MB)"
                + (outcome.Last is null ? "" : $"; last iteration → {request.LastPath}"));
            return CliApp.Ok;
        }
        finally
        {
            outcome.Resources?.Dispose();
        }
    }

    private static void Validate(NerTrainRequest r)
    {
        if (!NerTrainRequest.Backends.Contains(r.Backend))
            throw new UsageException($"--backend must be one of: {string.Join(", ", NerTrainRequest.Backends)}");
        r.Flags.Validate();
        if (r.Backend == NerTrainRequest.TokenWindow && r.BatchSize is not null)
            throw new UsageException("--batch-size applies to bilstm-crf and transformer (token-window trains on all rows at once)");
        if (r.Backend == NerTrainRequest.TokenWindow && r.TimeLimitMinutes is not null)
            throw new UsageException("--time-limit applies to bilstm-crf and transformer (token-window runs a fixed number of trainer iterations)");
        if (r.Backend == NerTrainRequest.TokenWindow && r.Device != "cpu")
            throw new UsageException("--device applies to bilstm-crf and transformer: token-window trains and labels on the CPU");
        if (r.Backend != NerTrainRequest.Transformer && r.Encoder != NerTrainRequest.MiniLm)
            throw new UsageException("--encoder applies to --backend transformer only");
        if (r.Backend != NerTrainRequest.Transformer && r.EncoderDropout is not null)
            throw new UsageException("--encoder-dropout applies to --backend transformer only");
        EpochTrainingFlags.ValidateEncoderDropout(r.EncoderDropout);
        CorpusOptions.EnsureNotAnInput(r.Out, "--out", r.Train, r.Dev, r.Test);
        CorpusOptions.EnsureNotAnInput(r.LastPath, "--out", r.Train, r.Dev, r.Test);
    }

    private static NerTrainOutcome TrainTokenWindow(NerTrainRequest r, NerTrainingSet train, NerTrainingSet? dev, string name, TrainingProgressView view, CancellationToken ct)
    {
        var options = TokenWindowOptions.Default with
        {
            Seed = r.Seed,
            Threads = r.Threads,
            Iterations = r.Epochs,
            // As given: the lexicons themselves go into the package, and training/options.json should not
            // carry this machine's absolute paths (packages would differ between clones).
            LexiconFolder = r.Lexicons,
        };
        if (r.Threads is not null && options.Trainer == TokenWindowTrainerKind.SdcaMaximumEntropy)
            view.Note("token-window trains with SDCA on one thread whatever --threads says: its multi-threaded updates would make the model depend on timing");
        var result = view.Run($"token-window ({options.Trainer})", p => TokenWindowTrainer.Train(train, dev, options, p, ct));
        var history = new JsonArray(result.History.Select(h => (JsonNode)h.ToJson()).ToArray());
        var bestRequest = TokenWindowPackaging.Request(result, result.Best, name);
        var lastRequest = ReferenceEquals(result.Best, result.Last) ? null : TokenWindowPackaging.Request(result, result.Last, name);
        return new NerTrainOutcome(bestRequest, result.Best.CreateRecognizer(), lastRequest, history);
    }

    private static NerTrainOutcome TrainBiLstmCrf(NerTrainRequest r, NerTrainingSet train, NerTrainingSet? dev, string name, TrainingProgressView view, CancellationToken ct)
    {
        // Lexicons as given: they themselves go into the package, and training/options.json should not carry this
        // machine's absolute paths (packages would differ between clones).
        var options = r.Flags.ApplyTo(new BiLstmCrfOptions()) with { LexiconFolder = r.Lexicons };
        var model = view.Run($"bilstm-crf ({options.Device})", p => BiLstmCrfTrainer.Train(train.Documents, dev?.Documents ?? [], options,
            new SyncProgress<EpochProgress>(e => p.Report(e.ToNerTrainingProgress())), ct));
        return EpochTrained("bilstm-crf", model, model.Training, BiLstmCrfPackaging.Request(model, train, dev, name, ct), model.CreateRecognizer());
    }

    private static NerTrainOutcome TrainTransformer(NerTrainRequest r, NerTrainingSet train, NerTrainingSet? dev, string name, TrainingProgressView view, CancellationToken ct)
    {
        // Lexicons as given (see TrainBiLstmCrf).
        var options = r.Flags.ApplyTo(new TransformerNerOptions()) with { LexiconFolder = r.Lexicons, EncoderDropout = r.EncoderDropout };
        var encoder = EncoderSources.Resolve(r.Encoder);
        var model = view.Run($"transformer {encoder.Name} ({options.Device})", p => TransformerNerTrainer.Train(train.Documents, dev?.Documents ?? [], options, encoder, p, ct));
        return EpochTrained("transformer", model, model.Training, TransformerNerPackaging.Request(model, train, dev, name, ct), model.CreateRecognizer());
    }

    /// <summary>
    /// The outcome of an epoch-trained backend (BiLSTM-CRF, transformer). They keep their best epoch's weights only,
    /// so there is no separate last model to write. The history is the training curve as metrics.json and
    /// `evaluate --report` read it.
    /// </summary>
    private static NerTrainOutcome EpochTrained(string backend, CrfTaggerModel model, EpochTrainingReport? report, NerPackageRequest request, IEntityRecognizer recognizer)
    {
        var history = new JsonArray((report?.History ?? []).Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch,
            ["loss"] = e.Loss,
            ["dev_precision"] = e.DevPrecision,
            ["dev_recall"] = e.DevRecall,
            ["dev_f1"] = e.DevF1,
            ["seconds"] = Math.Round(e.Elapsed.TotalSeconds, 1),
        }).ToArray());
        return new NerTrainOutcome(request, recognizer, null, history,
            $"{backend} keeps its best epoch only (early stopping on dev F1): no MODEL.last.zip", model);
    }

    private static string Counts(NerTrainingSet set) =>
        string.Join(", ", set.EntitiesByLabel.Select(p => $"{p.Key} {p.Value}"));

    private static void Print(IAnsiConsole console, string split, EvaluationResult result)
    {
        var table = new Table().Title($"{split} (strict)").AddColumns("label", "precision", "recall", "F1", "gold", "predicted");
        foreach (var (label, s) in result.Entities.Strict.Labels)
            table.AddRow(Markup.Escape(label), $"{s.Precision:0.0000}", $"{s.Recall:0.0000}", $"{s.F1:0.0000}", $"{s.Gold}", $"{s.Predicted}");
        var m = result.Entities.Strict.Micro;
        table.AddRow("[bold]micro[/]", $"{m.Precision:0.0000}", $"{m.Recall:0.0000}", $"[bold]{m.F1:0.0000}[/]", $"{m.Gold}", $"{m.Predicted}");
        console.Write(table);
    }
}
