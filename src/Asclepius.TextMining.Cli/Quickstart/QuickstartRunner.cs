using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Runs;
using Asclepius.TextMining.Generation.Validation;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Cli.Quickstart;

/// <summary>
/// The whole loop on one machine with no network: generate labeled synthetic documents offline →
/// train the token-window NER and the pair-classifier RE on them → add the rule components
/// (sections, then assertions) → save ONE model package → label the sample notes with
/// <see cref="ExtractionPipeline"/> exactly as `asclepius label` would. Each step calls the library
/// directly (no child processes). Generation is resumable, so a rerun in the same folder reuses it.
/// </summary>
public static class QuickstartRunner
{
    public const string PackageName = "chemical-disease";
    public const string GeneratedFolder = "generated";
    public const string PackageFile = "model.zip";
    public const string LabelsFile = "labels.jsonl";

    public static QuickstartReport Run(QuickstartOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        if (options.Count < 20) throw new ArgumentOutOfRangeException(nameof(options), "generate at least 20 documents");
        var timings = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        void Lap(string step) { timings[step] = clock.Elapsed; clock.Restart(); }

        var dataFolder = options.DataFolder ?? DataFolder.Resolve();
        var schema = DataFolder.LoadSchema(QuickstartOptions.DefaultSchema, dataFolder);
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);

        // 1. Generate.
        var generator = OfflineGenerator.Load(schema, dataFolder, options.Generator);
        var runner = new GenerationRunner(generator, new SampleValidator(schema), new GenerationRunOptions
        {
            OutputDirectory = Path.Combine(output, GeneratedFolder),
            TargetCount = options.Count,
            Seed = options.Seed,
            BatchSize = 100,
            Log = log,
        });
        log($"generating {options.Count} synthetic documents ({generator.Provider}, {generator.Model})");
        var run = runner.RunAsync(cancellationToken).GetAwaiter().GetResult();
        if (run.Status != RunStatus.Completed)
            throw new TextMiningException(ErrorCodes.ProviderFailed, $"generation stopped with status {run.Status}", runner.ManifestPath);
        var documents = CorpusFormats.ReadAll(runner.DataPath, JsonlFormat.FormatName);
        Lap("generate");

        // A fixed split: the last DevShare of the documents score the models.
        var devCount = Math.Max(1, (int)Math.Round(documents.Count * options.DevShare));
        var train = documents.Take(documents.Count - devCount).ToArray();
        var dev = documents.Skip(documents.Count - devCount).ToArray();

        // 2. NER.
        var nerOptions = new TokenWindowOptions
        {
            LexiconFolder = Path.Combine(dataFolder, "lexicons"),
            Iterations = options.NerIterations,
            HashBits = options.NerHashBits,
            OutsidePenalty = options.NerOutsidePenalty,
            Seed = options.Seed,
            // Marking the other occurrences of a found mention helped on BC5CDR dev (docs/BENCHMARKS.md).
            PropagateInDocument = true,
        };
        log($"training NER ({TokenWindowModel.Kind}) on {train.Length} documents");
        var ner = TokenWindowTrainer.Train(train, dev, nerOptions, progress: null, cancellationToken);
        Lap("train_ner");

        // 3. RE.
        log($"training relations ({PairClassifierExtractor.ComponentKind})");
        // One thread: L-BFGS sums gradients in thread order, and the default model must rebuild bit for bit.
        var reOptions = new PairClassifierOptions { Seed = options.Seed, Threads = 1 };
        var re = PairClassifierTrainer.Train(train, schema, reOptions, out var reSummary, cancellationToken);
        Lap("train_re");

        // 4. One package: recognizer, sections, assertions, relations (ClinicalContext keeps that order).
        var packagePath = Path.Combine(output, PackageFile);
        var dataSha = Sha256File(runner.DataPath);
        var builder = new ModelPackageBuilder(PackageName, schema) { TrainingDataSha256 = dataSha };
        if (options.Created is { } created) builder.Created = created;
        builder.AddComponent("ner", TokenWindowModel.Kind, Portable(ner.Best.ToComponentFiles()));
        builder.AddComponent("relations", PairClassifierExtractor.ComponentKind, re.ToFiles());
        ClinicalContext.AddTo(builder);
        builder.SetJson("metrics.json", new JsonObject
        {
            ["note"] = "dev = held-out synthetic documents of the same generation run, not real notes",
            ["ner_dev"] = ner.BestDevScores is null ? null : EvaluationJson.ToJson(ner.BestDevScores),
        });
        builder.SetJson("training/options.json", new JsonObject
        {
            ["ner"] = (nerOptions with { LexiconFolder = RecordedLexiconFolder }).ToJsonNode(),
            ["relations"] = System.Text.Json.JsonSerializer.SerializeToNode(reOptions),
            ["quickstart"] = new JsonObject { ["count"] = options.Count, ["seed"] = options.Seed, ["dev_share"] = options.DevShare },
        });
        builder.SetJson("training/data.json", new JsonObject
        {
            ["source"] = "synthetic",
            ["generation_run"] = new JsonObject
            {
                ["provider"] = generator.Provider,
                ["model"] = generator.Model,
                ["seed"] = options.Seed,
                ["documents"] = documents.Count,
                ["data_sha256"] = dataSha,
                ["run_json"] = Path.Combine(GeneratedFolder, GenerationRunner.ManifestFileName),
            },
            ["train_documents"] = train.Length,
            ["dev_documents"] = dev.Length,
            ["relation_candidates"] = reSummary.Candidates,
            ["relation_positives"] = new JsonObject(reSummary.PositivesByLabel.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        });
        builder.Save(packagePath);
        Lap("package");

        // 5. Label the sample notes through the same pipeline `asclepius label` uses.
        var pipeline = ExtractionPipeline.Load(packagePath);
        var notesFolder = options.NotesFolder ?? Path.Combine(dataFolder, "samples");
        var notes = ReadNotes(notesFolder);
        var labeled = pipeline.ProcessBatch(notes, Math.Max(1, options.Threads), cancellationToken).ToList();
        var labelsPath = Path.Combine(output, LabelsFile);
        new JsonlFormat().Write(labeled, labelsPath);
        Lap("label");

        return new QuickstartReport
        {
            GeneratedData = runner.DataPath,
            RunManifest = runner.ManifestPath,
            Package = packagePath,
            Labels = labelsPath,
            GeneratedDocuments = documents.Count,
            TrainDocuments = train.Length,
            DevDocuments = dev.Length,
            NerDev = ner.BestDevScores,
            Notes = labeled.Select(Summarize).ToArray(),
            Timings = timings,
        };
    }

    /// <summary>
    /// What the package records as the lexicon folder: where the data folder sits differs between machines and
    /// clones, and the lexicons themselves travel inside the package (lexicons.json).
    /// </summary>
    public const string RecordedLexiconFolder = "data/lexicons";

    /// <summary>
    /// The token-window files with what depends on the machine taken out, so that the default model rebuilds
    /// byte for byte anywhere: the weights (and, since the model saves them undated, its ML.NET zip) are
    /// deterministic, the absolute lexicon path in the options is not.
    /// </summary>
    private static Dictionary<string, byte[]> Portable(IReadOnlyDictionary<string, byte[]> files)
    {
        var portable = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, data) in files)
        {
            if (name == TokenWindowModel.MetaFile && JsonNode.Parse(data) is JsonObject meta && meta["options"] is JsonObject o && o.ContainsKey("lexicon_folder"))
            {
                o["lexicon_folder"] = RecordedLexiconFolder;
                portable[name] = JsonSerializer.SerializeToUtf8Bytes(meta, new JsonSerializerOptions { WriteIndented = true });
            }
            else portable[name] = data;
        }
        return portable;
    }

    private static IReadOnlyList<Document> ReadNotes(string folder)
    {
        if (!Directory.Exists(folder)) throw new TextMiningException(ErrorCodes.UnreadableInput, "the notes folder does not exist", folder);
        var files = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "the notes folder holds no .txt files", folder);
        return files.Select(f => new Document(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f),
            new Dictionary<string, string> { ["file"] = Path.GetFileName(f) })).ToArray();
    }

    private static QuickstartNoteSummary Summarize(AnnotatedDocument d) => new(
        d.Id,
        d.Entities.GroupBy(e => e.Label).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        d.Relations.Count,
        d.Entities.Count(e => e.Assertions.HasFlag(Assertions.Negated)),
        d.Entities.Count(e => e.Assertions.HasFlag(Assertions.Uncertain)),
        d.Entities.Count(e => e.Assertions.HasFlag(Assertions.Historical)),
        d.Entities.Count(e => e.Assertions.HasFlag(Assertions.Family)));

    private static string Sha256File(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
