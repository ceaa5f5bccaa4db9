using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Training;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius train re --train PATH [--dev PATH] --out MODEL.zip [--base NER.zip] [--backend pair-classifier|transformer]`:
/// trains `Rel.PairClassifier.v1` (default) or `Rel.Transformer.v1` and writes it into a copy of the base package (or a
/// package of its own). With --dev, the decision threshold is tuned on the dev corpus with gold entities (the transformer
/// also keeps its best epoch by it), and for document-level relations the dev mentions join the concept dictionary.
/// </summary>
public static class TrainRelationsCommand
{
    public const string ComponentName = "relations";

    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "Training corpus with entities and relations.", HelpName = "path", Required = true };
        var dev = new Option<string?>("--dev") { Description = "Dev corpus: tunes the decision threshold and is scored into metrics.json.", HelpName = "path" };
        var format = CorpusOptions.Format("--format", "Format of the corpora (detected from the path when omitted).");
        var output = new Option<string>("--out") { Description = "The model package to write.", HelpName = "MODEL.zip", Required = true };
        var basePackage = new Option<string?>("--base") { Description = "A package (usually NER) to copy and add the relation component to.", HelpName = "MODEL.zip" };
        var schemaPath = new Option<string?>("--schema") { Description = "Label schema file; default: the base package's schema plus the relation types seen in --train.", HelpName = "path" };
        var window = new Option<int?>("--window") { Description = "Sentence window for candidate pairs: 0 same sentence, 1 adjacent, -1 whole document (default 0; document-level relations such as CID are aggregated from these pairs)." };
        var trainer = new Option<string>("--trainer") { Description = "lbfgs or sdca (maximum entropy).", DefaultValueFactory = _ => "lbfgs" };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Training threads (1 is bit-for-bit reproducible).", DefaultValueFactory = _ => 1 };
        var synonyms = new Option<string?>("--synonyms") { Description = "Lexicon folder (e.g. data/lexicons): name/variant groups extend the concept dictionary of document-level relations, so more predicted mentions reach a concept.", HelpName = "dir" };
        var lenient = CorpusOptions.Lenient();
        var backend = new Option<string>("--backend") { Description = "pair-classifier (ML.NET, sparse features, seconds) or transformer (a fine-tuned pretrained encoder with typed entity markers).", DefaultValueFactory = _ => PairClassifierBackend };
        backend.AcceptOnlyFromAmong(PairClassifierBackend, TransformerBackend);
        var encoderOption = new Option<string?>("--encoder") { Description = "transformer only: minilm (built in, offline) or a Hugging Face BERT folder.", HelpName = "minilm|DIR" };
        var epochs = new Option<int?>("--epochs") { Description = "transformer only: epochs (default 3; the best by dev F1 is kept when --dev is given)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "transformer only: candidate pairs per step (default 16)." };
        var device = new Option<string>("--device") { Description = "transformer only: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "transformer only: stop before an epoch that would end past this many minutes (judged by the mean epoch); the best epoch is kept.", HelpName = "minutes" };
        var encoderDropout = new Option<double?>("--encoder-dropout") { Description = "transformer only: dropout inside the encoder while fine-tuning (default: the encoder's own rates, 0.1 for MiniLM; 0 turns it off).", HelpName = "rate" };

        var command = new Command("re", "Train the relation extractor (Rel.PairClassifier.v1 or Rel.Transformer.v1) and add it to a model package.");
        foreach (var o in new Option[] { train, dev, format, output, basePackage, schemaPath, window, trainer, seed, threads, synonyms, lenient, backend, encoderOption, epochs, batchSize, device, timeLimit, encoderDropout }) command.Add(o);

        command.SetAction(parse => CommandAction.Run(() =>
        {
            var outPath = parse.GetValue(output)!;
            CorpusOptions.EnsureNotAnInput(outPath, "--out", parse.GetValue(train), parse.GetValue(dev), parse.GetValue(basePackage));
            var console = Terminal.Create();
            var trainInput = CorpusInput.Read(parse.GetValue(train)!, parse.GetValue(format), parse.GetValue(lenient), Console.Error);
            var devInput = parse.GetValue(dev) is { } devPath ? CorpusInput.Read(devPath, parse.GetValue(format), parse.GetValue(lenient), Console.Error) : null;

            var baseModel = parse.GetValue(basePackage) is { } b ? ModelPackage.Open(b, ComponentCatalog.KnownKinds) : null;
            var schema = parse.GetValue(schemaPath) is { } sp
                ? LabelSchema.Load(sp)
                : RelationSchemas.Infer(trainInput.Documents, baseModel?.Schema, Path.GetFileNameWithoutExtension(outPath));
            if (!schema.Relations.Any())
                throw new UsageException($"{trainInput.Path} holds no relations and the schema defines none: nothing to train");

            var documentLevel = trainInput.Documents.Any(d => d.Relations.Any(r => r.IsConceptLevel));
            if (parse.GetValue(backend) == TransformerBackend)
            {
                var flags = new EpochTrainingFlags(parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(device)!, parse.GetValue(timeLimit));
                var request = new TransformerRequest(parse.GetValue(encoderOption) ?? EncoderSources.MiniLm, flags, parse.GetValue(encoderDropout), parse.GetValue(window), parse.GetValue(synonyms));
                return TrainTransformer(console, trainInput, devInput, baseModel, schema, documentLevel, request, outPath);
            }
            foreach (var (name, given) in new (string, bool)[] { ("--encoder", parse.GetValue(encoderOption) is not null), ("--epochs", parse.GetValue(epochs) is not null),
                         ("--batch-size", parse.GetValue(batchSize) is not null), ("--device", parse.GetValue(device) != "cpu"), ("--time-limit", parse.GetValue(timeLimit) is not null),
                         ("--encoder-dropout", parse.GetValue(encoderDropout) is not null) })
                if (given) throw new UsageException($"{name} applies to --backend transformer only");
            var options = new PairClassifierOptions
            {
                Trainer = parse.GetValue(trainer)!,
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
            };
            // Document-level relations (CID) take the window, aggregation and threshold chosen on BC5CDR dev.
            if (documentLevel) options = options.ForDocumentLevel();
            if (parse.GetValue(window) is { } w) options = options with { SentenceWindow = w };

            var clock = Stopwatch.StartNew();
            PairClassifierModel model = null!;
            PairClassifierTrainer.TrainingSummary summary = null!;
            console.Status().Start($"training relations on {trainInput.Documents.Count} documents", _ =>
                model = PairClassifierTrainer.Train(trainInput.Documents, schema, options, out summary));
            var trainSeconds = clock.Elapsed.TotalSeconds;
            console.MarkupLineInterpolated($"trained on {summary.Candidates} candidate pairs ({string.Join(", ", summary.PositivesByLabel.Select(p => $"{p.Key}: {p.Value}"))}) in {trainSeconds:F0}s; {summary.GoldUnreachable} of {summary.GoldRelations} gold relations were outside the candidate window");

            JsonObject? devMetrics = null;
            if (devInput is not null)
            {
                var (tuned, curve) = ThresholdTuner.Tune(model, schema, devInput.Documents);
                model = tuned;
                // End to end, a predicted mention reaches its concept only through this dictionary (NER output
                // has no identifiers): the dev mentions are labeled data too. On BC5CDR, test CID pairs whose two
                // concepts are both in the dictionary: 47% from the training mentions, 62% with dev's.
                if (model.DocumentLevel)
                    model = model.WithConcepts(ConceptDictionary.Learn(trainInput.Documents.Concat(devInput.Documents)
                        .SelectMany(d => d.Entities.Select(e => (e.Label, d.TextOf(e), e.ConceptIds)))));
                var best = curve.Max(c => c.F1);
                console.MarkupLineInterpolated($"threshold {model.Options.Threshold:F2} (dev F1 with gold entities {best:F4})");
                devMetrics = new JsonObject
                {
                    ["threshold"] = model.Options.Threshold,
                    ["dev_gold_entities_f1"] = best,
                    ["threshold_curve"] = new JsonArray(curve.Select(c => (JsonNode)new JsonObject { ["threshold"] = c.Threshold, ["f1"] = c.F1 }).ToArray()),
                };
            }

            var synonymsAdded = 0;
            if (model.DocumentLevel && parse.GetValue(synonyms) is { } synonymFolder)
            {
                var concepts = model.Concepts;
                synonymsAdded = concepts.AddSynonyms(ConceptDictionary.ReadSynonyms(synonymFolder, schema.Entities.Select(e => e.Label)));
                console.MarkupLineInterpolated($"concept dictionary: {concepts.Count} names, {synonymsAdded} from {synonymFolder}");
            }

            var builder = baseModel is null
                ? new ModelPackageBuilder(Path.GetFileNameWithoutExtension(outPath), schema)
                : ModelPackageBuilder.From(baseModel).WithSchema(schema);
            builder.RemoveComponent(ComponentName);
            builder.AddComponent(ComponentName, PairClassifierExtractor.ComponentKind, model.ToFiles());
            builder.WithProducer("Microsoft.ML", typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "?");
            builder.SetJson("training/relations-options.json", JsonSerializer.SerializeToNode(model.Options)!);
            builder.SetJson("training/relations-data.json", new JsonObject
            {
                ["train"] = Describe(trainInput),
                ["dev"] = devInput is null ? null : Describe(devInput),
                ["candidates"] = summary.Candidates,
                ["positives"] = new JsonObject(summary.PositivesByLabel.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["gold_relations"] = summary.GoldRelations,
                ["gold_unreachable"] = summary.GoldUnreachable,
                ["train_seconds"] = Math.Round(trainSeconds, 1),
                ["concept_names"] = model.Concepts.Count,
                ["concept_names_from_synonyms"] = synonymsAdded,
            });
            if (devMetrics is not null) builder.SetJson(ModelPackage.MetricsEntry, MergeMetrics(baseModel, devMetrics));
            builder.Save(outPath);
            console.MarkupLineInterpolated($"wrote {outPath}");
            return CliApp.Ok;
        }));
        return command;
    }

    public const string PairClassifierBackend = "pair-classifier";
    public const string TransformerBackend = "transformer";

    private sealed record TransformerRequest(string Encoder, EpochTrainingFlags Flags, double? EncoderDropout, int? Window, string? Synonyms);

    private static int TrainTransformer(IAnsiConsole console, CorpusInput trainInput, CorpusInput? devInput, ModelPackage? baseModel, LabelSchema schema,
        bool documentLevel, TransformerRequest r, string outPath)
    {
        r.Flags.Validate();
        EpochTrainingFlags.ValidateEncoderDropout(r.EncoderDropout);
        if (r.Window is < 0) throw new UsageException("--window must be 0 or more with --backend transformer: a whole document does not fit the encoder");
        TorchDevices.Resolve(r.Flags.Device);
        var encoder = EncoderSources.Resolve(r.Encoder);
        var options = r.Flags.ApplyTo(new TransformerRelationOptions()) with { EncoderDropout = r.EncoderDropout };
        if (documentLevel) options = options.ForDocumentLevel();
        if (r.Window is { } w) options = options with { SentenceWindow = w };

        var view = new TrainingProgressView(console);
        using var model = view.Run($"transformer relations {encoder.Name} ({options.Device})", progress => TransformerRelationTrainer.Train(
            trainInput.Documents, devInput?.Documents ?? [], schema, options, encoder,
            new SyncProgress<EpochProgress>(p => progress.Report(p.ToNerTrainingProgress()))));
        var report = model.Training!;
        console.MarkupLineInterpolated($"trained on {report.Candidates} candidate pairs ({string.Join(", ", report.PositivesByLabel.Select(p => $"{p.Key}: {p.Value}"))}) in {report.Elapsed.TotalSeconds:F0}s, kept epoch {report.BestEpoch} of {report.History.Count} ({report.StopReason}); {report.GoldUnreachable} of {report.GoldRelations} gold relations were outside the candidate window");
        if (report.BestDevF1 is { } f1) console.MarkupLineInterpolated($"threshold {model.Options.Threshold:F2} (dev F1 with gold entities {f1:F4})");

        var synonymsAdded = 0;
        if (model.DocumentLevel && r.Synonyms is { } synonymFolder)
        {
            synonymsAdded = model.Concepts.AddSynonyms(ConceptDictionary.ReadSynonyms(synonymFolder, schema.Entities.Select(e => e.Label)));
            console.MarkupLineInterpolated($"concept dictionary: {model.Concepts.Count} names, {synonymsAdded} from {synonymFolder}");
        }

        var builder = baseModel is null
            ? new ModelPackageBuilder(Path.GetFileNameWithoutExtension(outPath), schema)
            : ModelPackageBuilder.From(baseModel).WithSchema(schema);
        builder.RemoveComponent(ComponentName);
        builder.AddComponent(ComponentName, TransformerRelationModel.Kind, model.ToFiles());
        builder.WithProducer("TorchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?");
        builder.SetJson("training/relations-options.json", JsonNode.Parse(model.Options.ToJson())!);
        builder.SetJson("training/relations-data.json", new JsonObject
        {
            ["train"] = Describe(trainInput),
            ["dev"] = devInput is null ? null : Describe(devInput),
            ["candidates"] = report.Candidates,
            ["positives"] = new JsonObject(report.PositivesByLabel.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["gold_relations"] = report.GoldRelations,
            ["gold_unreachable"] = report.GoldUnreachable,
            ["word_pieces"] = report.TrainPieces,
            ["parameters"] = report.Parameters,
            ["train_seconds"] = Math.Round(report.Elapsed.TotalSeconds, 1),
            ["best_epoch"] = report.BestEpoch,
            ["stop_reason"] = report.StopReason,
            ["concept_names"] = model.Concepts.Count,
            ["concept_names_from_synonyms"] = synonymsAdded,
        });
        var history = new JsonArray(report.History.Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch, ["loss"] = e.Loss, ["dev_f1"] = e.DevF1, ["threshold"] = e.Threshold, ["seconds"] = Math.Round(e.Elapsed.TotalSeconds, 1),
        }).ToArray());
        if (devInput is not null)
            builder.SetJson(ModelPackage.MetricsEntry, MergeMetrics(baseModel, new JsonObject
            {
                ["threshold"] = model.Options.Threshold,
                ["dev_gold_entities_f1"] = report.BestDevF1,
                ["threshold_curve"] = new JsonArray(report.ThresholdCurve.Select(c => (JsonNode)new JsonObject { ["threshold"] = c.Threshold, ["f1"] = c.F1 }).ToArray()),
                ["history"] = history,
            }));
        builder.Save(outPath);
        console.MarkupLineInterpolated($"wrote {outPath}");
        return CliApp.Ok;
    }

    private static JsonObject Describe(CorpusInput input) => new()
    {
        ["path"] = Path.GetFullPath(input.Path),
        ["format"] = input.Format,
        ["documents"] = input.Documents.Count,
        ["relations"] = input.Documents.Sum(d => d.Relations.Count),
        ["sha256"] = File.Exists(input.Path) ? ModelPackage.Sha256Hex(File.ReadAllBytes(input.Path)) : null,
        ["skipped_records"] = input.Problems,
    };

    /// <summary>metrics.json keeps what the base package measured (NER) and gains a "relations" section.</summary>
    private static JsonObject MergeMetrics(ModelPackage? baseModel, JsonObject relations)
    {
        var metrics = baseModel?.ReadText(ModelPackage.MetricsEntry) is { } text && JsonNode.Parse(text) is JsonObject o ? o : new JsonObject();
        metrics["relations"] = relations;
        return metrics;
    }
}
