using System.Diagnostics;
using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;

// Relation-extraction benchmark with gold entities (relation classification).
//   folds DIR FORMAT              train/test on DIR/fold_*/{train,test}.tsv; mean ± sd of F1
//   split FORMAT TEST TRAIN...    train on TRAIN files, score on TEST
// Options after --: window=N trainer=lbfgs|sdca l1=X l2=X threshold=X bits=N
// Prints one result line per run: task, P, R, F1, training seconds, pairs/s.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var (positional, options) = ParseArgs(args);
switch (positional.FirstOrDefault())
{
    case "folds":
        Folds(positional[1], positional[2], options);
        break;
    case "pmidfolds":
        PmidFolds(positional[1], positional[2], int.Parse(positional[3]), options);
        break;
    case "split":
        Split(positional[1], positional[2], positional.Skip(3).ToArray(), options);
        break;
    default:
        Console.Error.WriteLine("usage: RelationBench folds DIR FORMAT [opts] | split FORMAT TEST TRAIN... [opts]");
        return 2;
}
return 0;

static void Folds(string dir, string format, PairClassifierOptions options)
{
    var f1s = new List<double>();
    var folds = Directory.GetDirectories(dir, "fold_*").OrderBy(d => int.Parse(d.Split('_').Last())).ToArray();
    double trainSeconds = 0, pairsPerSecond = 0;
    foreach (var fold in folds)
    {
        var r = Run(CorpusFormats.ReadAll(Path.Combine(fold, "train.tsv"), format), CorpusFormats.ReadAll(Path.Combine(fold, "test.tsv"), format), options);
        f1s.Add(r.F1);
        trainSeconds += r.TrainSeconds;
        pairsPerSecond += r.PairsPerSecond;
        Console.WriteLine($"{Path.GetFileName(fold)}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}");
    }
    var mean = f1s.Average();
    var sd = Math.Sqrt(f1s.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, f1s.Count - 1));
    Console.WriteLine($"RESULT\t{Path.GetFileName(dir.TrimEnd('/'))}\tF1={mean:F4}±{sd:F4}\tfolds={f1s.Count}\ttrain_mean={trainSeconds / folds.Length:F1}s\tpairs/s={pairsPerSecond / folds.Length:F0}");
}

// k folds split by PubMed id (documents of one abstract never straddle train and test), fixed seed.
static void PmidFolds(string path, string format, int k, PairClassifierOptions options)
{
    var docs = CorpusFormats.ReadAll(path, format);
    var pmids = docs.Select(d => d.Document.Meta.GetValueOrDefault("pmid", d.Id)).Distinct().Order(StringComparer.Ordinal).ToList();
    var rng = new Random(options.Seed);
    var fold = pmids.OrderBy(_ => rng.Next()).Select((p, i) => (p, i % k)).ToDictionary(x => x.p, x => x.Item2);
    var f1s = new List<double>();
    double trainSeconds = 0, pairsPerSecond = 0;
    for (var f = 0; f < k; f++)
    {
        var train = docs.Where(d => fold[d.Document.Meta.GetValueOrDefault("pmid", d.Id)] != f).ToList();
        var test = docs.Where(d => fold[d.Document.Meta.GetValueOrDefault("pmid", d.Id)] == f).ToList();
        var r = Run(train, test, options);
        f1s.Add(r.F1);
        trainSeconds += r.TrainSeconds;
        pairsPerSecond += r.PairsPerSecond;
        Console.WriteLine($"fold_{f + 1}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}");
    }
    var mean = f1s.Average();
    var sd = Math.Sqrt(f1s.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, f1s.Count - 1));
    Console.WriteLine($"RESULT\t{Path.GetFileName(path.TrimEnd('/'))}\tF1={mean:F4}±{sd:F4}\tfolds={k}\ttrain_mean={trainSeconds / k:F1}s\tpairs/s={pairsPerSecond / k:F0}");
}

static void Split(string format, string test, string[] trainFiles, PairClassifierOptions options)
{
    var train = trainFiles.SelectMany(f => CorpusFormats.ReadAll(f, format)).ToList();
    var r = Run(train, CorpusFormats.ReadAll(test, format), options);
    Console.WriteLine($"RESULT\t{Path.GetFileName(test)}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}\t{r.Detail}");
}

static (double P, double R, double F1, double TrainSeconds, double PairsPerSecond, string Detail) Run(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument> test, PairClassifierOptions options)
{
    var schema = InferSchema(train.Concat(test));
    var sw = Stopwatch.StartNew();
    var model = PairClassifierTrainer.Train(train, schema, options, out var summary);
    var trainSeconds = sw.Elapsed.TotalSeconds;
    var extractor = new PairClassifierExtractor(model, schema);

    sw.Restart();
    var predicted = test.AsParallel().AsOrdered().Select(d =>
        new AnnotatedDocument(d.Document, d.Entities, extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities))).ToList();
    var seconds = sw.Elapsed.TotalSeconds;
    var finder = new CandidateFinder(schema, options.SentenceWindow);
    var pairs = test.Sum(d => finder.Find(ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities).Count);

    var scores = RelationEvaluator.Evaluate(DocumentPairing.Pair(test, predicted));
    var table = model.DocumentLevel ? scores.DocumentLevel : scores.Strict;
    var detail = $"candidates={summary.Candidates} positives={string.Join(",", summary.PositivesByLabel.Select(p => $"{p.Key}:{p.Value}"))} unreachable={summary.GoldUnreachable}/{summary.GoldRelations} doc_level={model.DocumentLevel}";
    return (table.Micro.Precision, table.Micro.Recall, table.Micro.F1, trainSeconds, pairs / Math.Max(seconds, 1e-9), detail);
}

static LabelSchema InferSchema(IEnumerable<AnnotatedDocument> docs)
{
    var list = docs.ToList();
    var entityLabels = list.SelectMany(d => d.Entities.Select(e => e.Label)).ToHashSet();
    var pairs = new Dictionary<string, HashSet<(string, string)>>();
    foreach (var d in list)
        foreach (var r in d.Relations)
        {
            var h = d.FindEntity(r.HeadId);
            var t = d.FindEntity(r.TailId);
            if (h is null || t is null) continue;
            if (!pairs.TryGetValue(r.Label, out var set)) pairs[r.Label] = set = new();
            set.Add((h.Label, t.Label));
        }
    return LabelSchema.FromLabels(entityLabels, pairs.Select(p => new RelationType(p.Key, p.Value.ToArray())));
}

static (List<string>, PairClassifierOptions) ParseArgs(string[] args)
{
    var positional = new List<string>();
    var o = new PairClassifierOptions();
    foreach (var a in args)
    {
        var eq = a.IndexOf('=');
        if (eq < 0) { positional.Add(a); continue; }
        var (k, v) = (a[..eq], a[(eq + 1)..]);
        o = k switch
        {
            "window" => o with { SentenceWindow = int.Parse(v) },
            "trainer" => o with { Trainer = v },
            "l1" => o with { L1 = float.Parse(v) },
            "l2" => o with { L2 = float.Parse(v) },
            "threshold" => o with { Threshold = float.Parse(v) },
            "bits" => o with { HashBits = int.Parse(v) },
            "iterations" => o with { MaxIterations = int.Parse(v) },
            _ => throw new ArgumentException($"unknown option {k}"),
        };
    }
    return (positional, o);
}
