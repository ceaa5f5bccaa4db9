using System.Diagnostics;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`devsweep FORMAT TRAIN DEV WINDOWS`: the document-level rule chosen on a development set.</summary>
internal static class DevSweepMode
{
    // Chooses the document-level rule on a development set: one training per sentence window, the dev pairs
    // scored once, then every (scoring window ≤ training window, aggregation, k, threshold) evaluated on
    // concept pairs. Prints one SWEEP line per setting and the best as BEST.
    public static void Run(string format, string trainPath, string devPath, string windows, PairClassifierOptions options)
    {
        var train = CorpusFormats.ReadAll(trainPath, format);
        var dev = CorpusFormats.ReadAll(devPath, format);
        var schema = Bench.InferSchema(train.Concat(dev));
        var gold = new HashSet<(string, string, string, string)>();
        foreach (var d in dev)
            foreach (var r in d.Relations)
                gold.Add((d.Id, RelationEvaluator.ConceptOf(d, r.HeadConcept, r.HeadId, r.Id), RelationEvaluator.ConceptOf(d, r.TailConcept, r.TailId, r.Id), r.Label));
        var best = (F1: -1.0, Line: "");
        foreach (var w in windows.Split(',').Select(int.Parse))
        {
            var sw = Stopwatch.StartNew();
            var model = PairClassifierTrainer.Train(train, schema, options with { SentenceWindow = w }, out var summary);
            Console.WriteLine($"TRAIN	window={w}	train={sw.Elapsed.TotalSeconds:F1}s	candidates={summary.Candidates}	unreachable={summary.GoldUnreachable}/{summary.GoldRelations}");
            var extractor = new PairClassifierExtractor(model, schema);
            // (doc, head concept, tail concept) → (sentence distance, p of each label) per mention pair
            var scored = dev.AsParallel().AsOrdered().Select(d =>
            {
                var pairs = extractor.ScoreCandidates(ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities);
                return pairs.Select(x => (Doc: d.Id, Head: extractor.ConceptOf(d.Document, x.Candidate.Head), Tail: extractor.ConceptOf(d.Document, x.Candidate.Tail), Dist: x.Candidate.SentenceDistance, P: x.Probabilities)).ToList();
            }).SelectMany(x => x).ToList();
            var caps = new[] { 0, 1, 2, 3, -1 }.Where(c => w < 0 || (c >= 0 && c <= w)).ToArray();
            var rules = new List<(string Rule, int K)> { (DocumentAggregation.Max, 1), (DocumentAggregation.NoisyOr, 1) };
            for (var k = 2; k <= 5; k++) rules.Add((DocumentAggregation.MeanTopK, k));
            foreach (var cap in caps)
            {
                var groups = scored.Where(x => cap < 0 || x.Dist <= cap).GroupBy(x => (x.Doc, x.Head, x.Tail)).ToList();
                foreach (var (rule, k) in rules)
                {
                    // Best label per concept pair and its combined probability, once per rule.
                    var combined = groups.Select(g =>
                    {
                        var bestK = 1; var bestP = -1f;
                        for (var l = 1; l < model.Labels.Count; l++)
                        {
                            var p = DocumentAggregation.Combine(g.Select(x => x.P[l]).ToArray(), rule, k);
                            if (p > bestP) (bestK, bestP) = (l, p);
                        }
                        return (Key: (g.Key.Doc, g.Key.Head, g.Key.Tail, model.Labels[bestK]), P: bestP);
                    }).ToList();
                    for (var t = 0.05f; t < 0.96f; t += 0.05f)
                    {
                        int tp = 0, fp = 0;
                        foreach (var (key, p) in combined)
                            if (p >= t) { if (gold.Contains(key)) tp++; else fp++; }
                        var prec = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
                        var rec = gold.Count == 0 ? 0 : (double)tp / gold.Count;
                        var f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
                        var line = $"train_window={w}	scoring_window={cap}	rule={rule}	k={k}	threshold={t:F2}	P={prec:F4}	R={rec:F4}	F1={f1:F4}";
                        Console.WriteLine("SWEEP	" + line);
                        if (f1 > best.F1) best = (f1, line);
                    }
                }
            }
        }
        Console.WriteLine("BEST	" + best.Line);
    }
}
