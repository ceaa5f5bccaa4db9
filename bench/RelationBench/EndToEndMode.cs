using System.Diagnostics;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`pmidfolds-e2e PATH FORMAT K N [ner_lexicons=DIR]`: NER then relations on its entities, on the PMID folds.</summary>
internal static class EndToEndMode
{
    // End to end on the first n of the k PMID folds. NER: Ner.TokenWindow.v1 with default options, its outside
    // penalty and propagation chosen on a dev tenth of the fold's training PMIDs (trained on the other nine
    // tenths); relations: the pair classifier trained on the whole training fold with gold entities. Each fold
    // also scores the same relation model with gold entities, so the two settings compare on the same folds.
    public static void Run(string path, string format, int k, int n, PairClassifierOptions options, string? nerLexicons)
    {
        var all = Bench.ReadCorpus(path, format);
        var fold = Bench.PmidFoldOf(all, k, options.Seed);
        // The end-to-end setting of the SpERT anchor (0.792): the sentences that state an adverse effect
        // (DRUG-AE.rel, 4,272), same PMID folds as the gold-entity run. ADE-NEG sentences are left out because
        // their drugs and conditions are real but unannotated, so every entity found there would count as false.
        var docs = format == "ade" ? all.Where(d => d.Relations.Count > 0).ToList() : all;
        var rows = new List<(double NerF1, double GoldF1, double E2eP, double E2eR, double E2eF1, double NerSeconds, double ReSeconds, double PairsPerSecond)>();
        for (var f = 0; f < Math.Min(n, k); f++)
        {
            var train = docs.Where(d => fold[Bench.Pmid(d)] != f).ToList();
            var test = docs.Where(d => fold[Bench.Pmid(d)] == f).ToList();
            var trainPmids = train.Select(Bench.Pmid).Distinct().Order(StringComparer.Ordinal).ToList();
            var rng = new Random(options.Seed + 1000 + f);
            var devPmids = trainPmids.OrderBy(_ => rng.Next()).Take(trainPmids.Count / 10).ToHashSet();
            // With the 16,688 entity-free ADE-NEG sentences in its training rows the token-window classifier
            // predicted no entity at all (dev F1 0 on fold 1); they are not in `docs` any more, and the filter
            // keeps it so for other corpora.
            var nerTrain = train.Where(d => !devPmids.Contains(Bench.Pmid(d)) && d.Entities.Count > 0).ToList();
            var nerDev = train.Where(d => devPmids.Contains(Bench.Pmid(d))).ToList();

            var sw = Stopwatch.StartNew();
            var nerResult = TokenWindowTrainer.Train(nerTrain, nerDev, new TokenWindowOptions { Seed = options.Seed, LexiconFolder = nerLexicons });
            var ner = nerResult.Best.CreateRecognizer();
            var nerSeconds = sw.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"fold {f + 1}: NER train {nerResult.Train.Documents.Count} docs {nerResult.Train.TokenCount} tokens {nerResult.Train.EntityCount} entities ({string.Join(",", nerResult.Train.EntitiesByLabel.Select(x => $"{x.Key}:{x.Value}"))}) problems {nerResult.Train.Problems.Count}; dev F1 {nerResult.BestDevScores?.Entities.Strict.Micro.F1:F4} best iteration {nerResult.BestIteration}/{nerResult.Iterations}");
            var schema = Bench.InferSchema(train.Concat(test));
            sw.Restart();
            var model = PairClassifierTrainer.Train(train, schema, options, out _);
            var reSeconds = sw.Elapsed.TotalSeconds;
            var extractor = new PairClassifierExtractor(model, schema);

            sw.Restart();
            var tokens = test.Select(d => ClinicalTokenizer.Default.Tokenize(d.Text)).ToArray();
            var withGold = test.Select((d, i) => new AnnotatedDocument(d.Document, d.Entities, extractor.Extract(d.Document, tokens[i], d.Entities))).ToList();
            var pairsPerSecond = test.Sum(d => new CandidateFinder(schema, options.SentenceWindow).Find(ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities).Count) / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
            var endToEnd = test.Select((d, i) =>
            {
                var entities = ner.Recognize(d.Document, tokens[i]);
                return new AnnotatedDocument(d.Document, entities, extractor.Extract(d.Document, tokens[i], entities));
            }).ToList();

            var gold = RelationEvaluator.Evaluate(DocumentPairing.Pair(test, withGold)).Strict.Micro;
            var e2e = RelationEvaluator.Evaluate(DocumentPairing.Pair(test, endToEnd)).Strict.Micro;
            var nerF1 = EntityF1(test, endToEnd);
            Console.Error.WriteLine($"fold {f + 1}: test gold entities {test.Sum(d => d.Entities.Count)}, predicted {endToEnd.Sum(d => d.Entities.Count)}; gold relations {test.Sum(d => d.Relations.Count)}, predicted {endToEnd.Sum(d => d.Relations.Count)}");
            rows.Add((nerF1, gold.F1, e2e.Precision, e2e.Recall, e2e.F1, nerSeconds, reSeconds, pairsPerSecond));
            Console.WriteLine($"fold_{f + 1}	ner_F1={nerF1:F4}	gold_F1={gold.F1:F4}	e2e_P={e2e.Precision:F4}	e2e_R={e2e.Recall:F4}	e2e_F1={e2e.F1:F4}	ner_train={nerSeconds:F1}s	re_train={reSeconds:F1}s	pairs/s={pairsPerSecond:F0}");
        }
        Console.WriteLine($"RESULT	{Path.GetFileName(path.TrimEnd('/'))}-e2e	P={Bench.MeanSd(rows.Select(r => r.E2eP))}	R={Bench.MeanSd(rows.Select(r => r.E2eR))}	F1={Bench.MeanSd(rows.Select(r => r.E2eF1))}	gold_F1={Bench.MeanSd(rows.Select(r => r.GoldF1))}	ner_F1={Bench.MeanSd(rows.Select(r => r.NerF1))}	folds={rows.Count}/{k}	ner_train_mean={rows.Average(r => r.NerSeconds):F1}s	train_mean={rows.Average(r => r.ReSeconds):F1}s	pairs/s={rows.Average(r => r.PairsPerSecond):F0}");
    }

    // Strict entity micro F1 (exact span and label).
    static double EntityF1(IReadOnlyList<AnnotatedDocument> gold, IReadOnlyList<AnnotatedDocument> predicted)
    {
        int tp = 0, g = 0, p = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var set = gold[i].Entities.Select(e => (e.Span, e.Label)).ToHashSet();
            var pred = predicted[i].Entities.Select(e => (e.Span, e.Label)).ToHashSet();
            g += set.Count; p += pred.Count; tp += pred.Count(set.Contains);
        }
        return tp == 0 ? 0 : 2.0 * tp / (g + p);
    }
}
