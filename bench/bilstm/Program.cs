using System.Diagnostics;
using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.Training;

// Trains Ner.BiLstmCrf.v1 on BC5CDR train (early stopping on dev), scores strict entity micro F1 on test,
// and measures labeling throughput, package size and peak RSS. Usage: see README.md beside this file.
var arguments = Args.Parse(args);
var data = arguments.Get("data", "../shared/data/bc5cdr/pubtator");

if (arguments.Has("train-embeddings"))
{
    // Word vectors from unlabeled text only (notes + BC5CDR train abstracts), written for --embeddings.
    var shared = arguments.Get("shared", "../shared/data");
    var texts = Asclepius.TextMining.Bench.BiLstm.Unlabeled.Texts(shared).ToArray();
    var w2vOptions = new Asclepius.TextMining.Ner.Embeddings.WordEmbeddingOptions { Epochs = arguments.Int("epochs", 5), Dim = arguments.Int("word-dim", 100) };
    var w2vCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var w2vClock = Stopwatch.StartNew();
    var vectors = Asclepius.TextMining.Ner.Embeddings.WordEmbeddingTrainer.Train(texts, w2vOptions,
        new SyncProgress<(int Epoch, double Loss)>(p => Console.WriteLine($"w2v epoch {p.Epoch} loss {p.Loss:0.000} elapsed {w2vClock.Elapsed:mm\\:ss}")));
    vectors.WriteText(arguments.Get("train-embeddings", "vectors.txt"));
    Console.WriteLine($"{texts.Length} texts, {texts.Sum(t => t.Length)} chars; {vectors.Words.Count} words; {w2vClock.Elapsed.TotalMinutes:0.0} min, CPU {(Process.GetCurrentProcess().TotalProcessorTime - w2vCpu).TotalMinutes:0.0} min");
    foreach (var probe in new[] { "cocaine", "hypertension", "seizures", "mg", "nephrotoxicity" })
        Console.WriteLine($"  {probe}: {string.Join(", ", vectors.Nearest(probe, 6).Select(n => n.Word))}");
    return;
}
var options = new BiLstmCrfOptions
{
    Epochs = arguments.Int("epochs", 30),
    Patience = arguments.Int("patience", 5),
    Threads = arguments.Int("threads", 2),
    Seed = arguments.Int("seed", 42),
    BatchSize = arguments.Int("batch", 16),
    HiddenSize = arguments.Int("hidden", 200),
    WordDim = arguments.Int("word-dim", 100),
    CharFilters = arguments.Int("char-filters", 50),
    LearningRate = arguments.Double("lr", 0.002),
    Dropout = arguments.Double("dropout", 0.5),
    TimeLimit = arguments.Has("minutes") ? TimeSpan.FromMinutes(arguments.Double("minutes", 20)) : null,
    PretrainedEmbeddings = arguments.Has("embeddings") ? arguments.Get("embeddings", "") : null,
    Device = arguments.Get("device", "cpu"),
    LexiconFolder = arguments.Has("lexicons") ? Path.GetFullPath(arguments.Get("lexicons", "data/lexicons")) : null,
};
var limitDocs = arguments.Int("limit", int.MaxValue);

var train = Read(Path.Combine(data, "CDR_TrainingSet.PubTator.txt")).Take(limitDocs).ToArray();
var dev = Read(Path.Combine(data, "CDR_DevelopmentSet.PubTator.txt")).Take(limitDocs).ToArray();
var test = Read(Path.Combine(data, "CDR_TestSet.PubTator.txt")).Take(limitDocs).ToArray();
Console.WriteLine($"train {train.Length} docs, dev {dev.Length}, test {test.Length}; options {options.ToJson().ReplaceLineEndings(" ")}");
Console.WriteLine($"load average at start: {LoadAverage()}");

var progress = new ConsoleProgress();
var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
using var model = BiLstmCrfTrainer.Train(train, dev, options, progress);
var report = model.Training!;
Console.WriteLine($"trained in {report.Elapsed.TotalMinutes:0.0} min; stop: {report.StopReason}; best epoch {report.BestEpoch} dev F1 {report.BestDevF1:0.0000}; " +
                  $"train sentences {report.TrainSentences}, tokens {report.TrainTokens}, entities {report.TrainEntities}, misaligned {report.TrainMisaligned}, overlapping {report.TrainOverlapping}, empty {report.TrainEmpty}; " +
                  $"dev unreachable {report.DevUnreachable}/{report.DevEntities}; vocabulary {report.Vocabulary}, pretrained used {report.PretrainedWordsUsed}, parameters {report.Parameters}");
Console.WriteLine($"load average after training: {LoadAverage()}; training CPU time {(Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMinutes:0.0} min");

// Package (the hand-off) and its size.
var packagePath = arguments.Get("out", Path.Combine(Path.GetTempPath(), "bc5cdr-bilstm.zip"));
new ModelPackageBuilder("bc5cdr-bilstm", LabelSchema.FromLabels(model.Labels))
    .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
    .WithProducer("TorchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?")
    .Save(packagePath);
Console.WriteLine($"package {packagePath}: {new FileInfo(packagePath).Length / 1048576.0:0.0} MB");

// Label test from the loaded package, timing load and labeling apart.
var loadClock = Stopwatch.StartNew();
var package = ModelPackage.Open(packagePath);
var recognizer = BiLstmCrfRecognizer.Load(package, package.Components.Single());
var loadTime = loadClock.Elapsed;

var tokenized = test.Select(d => (d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))).ToArray();
var tokens = tokenized.Sum(t => t.Item2.Tokens.Count);

var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var perDoc = tokenized.Select(t => recognizer.Recognize(t.Document, t.Item2)).ToArray();
var sequential = clock.Elapsed;
var sequentialCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

clock.Restart();
var parallel = new IReadOnlyList<Entity>[tokenized.Length];
Parallel.For(0, tokenized.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i => parallel[i] = recognizer.Recognize(tokenized[i].Document, tokenized[i].Item2));
var parallelTime = clock.Elapsed;

clock.Restart();
var many = recognizer.Model.RecognizeMany(tokenized);
var batched = clock.Elapsed;

var predicted = test.Select((d, i) => new AnnotatedDocument(d.Document, perDoc[i])).ToArray();
var result = CorpusEvaluator.Evaluate(test, predicted);
var strict = result.Entities.Strict;
Console.WriteLine($"TEST strict micro {strict.Micro}");
foreach (var (label, score) in strict.Labels) Console.WriteLine($"  {label,-10} {score}");
Console.WriteLine($"same predictions per-document / parallel / batched: {perDoc.Zip(parallel).All(p => p.First.SequenceEqual(p.Second))} / {perDoc.Zip(many).All(p => p.First.SequenceEqual(p.Second))}");
Console.WriteLine($"labeling {tokens} tokens: per document {tokens / sequential.TotalSeconds:0} tokens/s; {options.Threads} threads {tokens / parallelTime.TotalSeconds:0} tokens/s; " +
                  $"whole-corpus batches {tokens / batched.TotalSeconds:0} tokens/s; model load {loadTime.TotalSeconds:0.00} s; " +
                  $"with load (per document) {tokens / (sequential + loadTime).TotalSeconds:0} tokens/s; per document CPU {tokens / sequentialCpu.TotalSeconds:0} tokens per CPU-second");
Console.WriteLine($"peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB; load average at end: {LoadAverage()}");

static IEnumerable<AnnotatedDocument> Read(string path) =>
    new PubTatorFormat().Read(path, ReadOptions.Strict, new ReadReport()).ToArray();

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

sealed class ConsoleProgress : IProgress<EpochProgress>
{
    public void Report(EpochProgress p)
    {
        if (!p.EpochCompleted) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:0.000} dev F1 {p.DevF1:0.0000} best {p.BestDevF1:0.0000}@{p.BestEpoch} elapsed {p.Elapsed:mm\\:ss} left≤ {p.Remaining:mm\\:ss} cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0}s load {File.ReadAllText("/proc/loadavg")[..14]}"));
    }
}

sealed class Args
{
    private readonly Dictionary<string, string> _values = new();

    public static Args Parse(string[] args)
    {
        var a = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'");
            a._values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return a;
    }

    public bool Has(string key) => _values.ContainsKey(key);
    public string Get(string key, string fallback) => _values.GetValueOrDefault(key, fallback);
    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public double Double(string key, double fallback) => _values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
