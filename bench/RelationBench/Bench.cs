using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>What the modes share: reading a corpus, PMID folds, one train-and-score run, the schema, options and summaries.</summary>
internal static class Bench
{
    // ADE-Corpus-V2 targets (SpERT 0.792 end to end, 0.85 with gold entities) are Drug → AdverseEffect only:
    // the Dosage mentions and DosageOf relations of DRUG-DOSE.rel are dropped; its sentences stay, with their drugs.
    public static List<AnnotatedDocument> ReadCorpus(string path, string format)
    {
        var docs = CorpusFormats.ReadAll(path, format).ToList();
        if (format != "ade") return docs;
        return docs.Select(d => d with
        {
            Entities = d.Entities.Where(e => e.Label != "Dosage").ToList(),
            Relations = d.Relations.Where(r => r.Label != "DosageOf").ToList(),
        }).ToList();
    }

    // The same seeded assignment of PubMed ids to k folds for the gold-entity and the end-to-end runs.
    public static Dictionary<string, int> PmidFoldOf(IReadOnlyList<AnnotatedDocument> docs, int k, int seed)
    {
        var pmids = docs.Select(Pmid).Distinct().Order(StringComparer.Ordinal).ToList();
        var rng = new Random(seed);
        return pmids.OrderBy(_ => rng.Next()).Select((p, i) => (p, i % k)).ToDictionary(x => x.p, x => x.Item2);
    }

    public static string Pmid(AnnotatedDocument d) => d.Document.Meta.GetValueOrDefault("pmid", d.Id);

    public static (double P, double R, double F1, double TrainSeconds, double PairsPerSecond, string Detail) Run(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument> test, PairClassifierOptions options)
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
        var detail = $"candidates={summary.Candidates} positives={string.Join(",", summary.PositivesByLabel.Select(p => $"{p.Key}:{p.Value}"))} unreachable={summary.GoldUnreachable}/{summary.GoldRelations} doc_level={model.DocumentLevel} window={model.Options.SentenceWindow} aggregation={model.Options.Aggregation} threshold={model.Options.Threshold:F2}";
        return (table.Micro.Precision, table.Micro.Recall, table.Micro.F1, trainSeconds, pairs / Math.Max(seconds, 1e-9), detail);
    }

    public static LabelSchema InferSchema(IEnumerable<AnnotatedDocument> docs)
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

    public static (List<string>, PairClassifierOptions) ParseArgs(string[] args, PairClassifierOptions? start = null)
    {
        var positional = new List<string>();
        var o = start ?? new PairClassifierOptions();
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
                "aggregation" => o with { Aggregation = v },
                "topk" => o with { TopK = int.Parse(v) },
                "scoring_window" => o with { ScoringWindow = int.Parse(v) },
                _ => throw new ArgumentException($"unknown option {k}"),
            };
        }
        return (positional, o);
    }

    // Mean ± sample standard deviation, as every RESULT line prints it.
    public static string MeanSd(IEnumerable<double> xs)
    {
        var l = xs.ToList();
        var mean = l.Average();
        var sd = Math.Sqrt(l.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, l.Count - 1));
        return $"{mean:F4}±{sd:F4}";
    }
}
