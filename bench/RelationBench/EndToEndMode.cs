using System.Diagnostics;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;

namespace Asclepius.TextMining.Bench.Relations;

/// <summary>`pmidfolds-e2e PATH FORMAT K N [EndToEndSettings keys]`: NER then relations on its entities, on the PMID folds.</summary>
internal static class EndToEndMode
{
    // End to end on the first n of the k PMID folds (or settings.Folds). NER: Ner.TokenWindow.v1 with default options,
    // its outside penalty and propagation chosen on a dev tenth of the fold's training PMIDs (trained on the other nine
    // tenths), or Ner.Transformer.v1 (MiniLM) trained on the same nine tenths with its best epoch chosen on the same
    // tenth; relations: the pair classifier trained on the whole training fold with gold entities, or Rel.Transformer.v1
    // trained on the nine tenths with its best epoch and threshold chosen on the dev tenth. Each fold also scores the
    // same relation model with gold entities, so the two settings compare on the same folds.
    public static void Run(string path, string format, int k, int n, PairClassifierOptions options, EndToEndSettings settings)
    {
        var all = Bench.ReadCorpus(path, format);
        var fold = Bench.PmidFoldOf(all, k, options.Seed);
        // The end-to-end setting of the SpERT anchor (0.792): the sentences that state an adverse effect
        // (DRUG-AE.rel, 4,272), same PMID folds as the gold-entity run. ADE-NEG sentences are left out because
        // their drugs and conditions are real but unannotated, so every entity found there would count as false.
        var docs = format == "ade" ? all.Where(d => d.Relations.Count > 0).ToList() : all;
        var rows = new List<(double NerF1, double GoldF1, double E2eP, double E2eR, double E2eF1, double NerSeconds, double ReSeconds, double PairsPerSecond)>();
        var folds = settings.Folds?.Select(f => f - 1).ToList() ?? Enumerable.Range(0, Math.Min(n, k)).ToList();
        Console.Error.WriteLine($"settings: {settings with { Folds = null }} folds={string.Join(",", folds.Select(f => f + 1))}");
        foreach (var f in folds)
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

            var (ner, nerSeconds, nerDisposable) = TrainNer(f, nerTrain, nerDev, options, settings);
            var schema = Bench.InferSchema(train.Concat(test));
            var (extractor, reSeconds, reDisposable) = TrainRelations(f, train, nerTrain, nerDev, schema, options, settings);

            var sw = Stopwatch.StartNew();
            var tokens = test.Select(d => ClinicalTokenizer.Default.Tokenize(d.Text)).ToArray();
            var withGold = test.Select((d, i) => new AnnotatedDocument(d.Document, d.Entities, extractor.Extract(d.Document, tokens[i], d.Entities))).ToList();
            var pairsPerSecond = test.Sum(d => new CandidateFinder(schema, options.SentenceWindow).Find(ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities).Count) / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
            sw.Restart();
            var endToEnd = test.Select((d, i) =>
            {
                var entities = ner.Recognize(d.Document, tokens[i]);
                return new AnnotatedDocument(d.Document, entities, extractor.Extract(d.Document, tokens[i], entities));
            }).ToList();
            var e2eSeconds = sw.Elapsed.TotalSeconds;

            var gold = RelationEvaluator.Evaluate(DocumentPairing.Pair(test, withGold)).Strict.Micro;
            var e2e = RelationEvaluator.Evaluate(DocumentPairing.Pair(test, endToEnd)).Strict.Micro;
            var nerF1 = EntityF1(test, endToEnd);
            Console.Error.WriteLine($"fold {f + 1}: test gold entities {test.Sum(d => d.Entities.Count)}, predicted {endToEnd.Sum(d => d.Entities.Count)}; gold relations {test.Sum(d => d.Relations.Count)}, predicted {endToEnd.Sum(d => d.Relations.Count)}; {test.Sum(t => t.Document.Text.Length)} chars labeled end to end in {e2eSeconds:F1}s; process CPU so far {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0}s");
            rows.Add((nerF1, gold.F1, e2e.Precision, e2e.Recall, e2e.F1, nerSeconds, reSeconds, pairsPerSecond));
            Console.WriteLine($"fold_{f + 1}	ner_F1={nerF1:F4}	gold_F1={gold.F1:F4}	gold_P={gold.Precision:F4}	gold_R={gold.Recall:F4}	e2e_P={e2e.Precision:F4}	e2e_R={e2e.Recall:F4}	e2e_F1={e2e.F1:F4}	ner_train={nerSeconds:F1}s	re_train={reSeconds:F1}s	pairs/s={pairsPerSecond:F0}");
            nerDisposable?.Dispose();
            reDisposable?.Dispose();
        }
        Console.WriteLine($"RESULT	{Path.GetFileName(path.TrimEnd('/'))}-e2e	P={Bench.MeanSd(rows.Select(r => r.E2eP))}	R={Bench.MeanSd(rows.Select(r => r.E2eR))}	F1={Bench.MeanSd(rows.Select(r => r.E2eF1))}	gold_F1={Bench.MeanSd(rows.Select(r => r.GoldF1))}	ner_F1={Bench.MeanSd(rows.Select(r => r.NerF1))}	folds={rows.Count}/{k}	ner_train_mean={rows.Average(r => r.NerSeconds):F1}s	train_mean={rows.Average(r => r.ReSeconds):F1}s	pairs/s={rows.Average(r => r.PairsPerSecond):F0}");
    }

    // The fold's NER, chosen as settings.Ner says; dev-best compares the two backends' strict F1 on the dev tenth only.
    static (IEntityRecognizer Ner, double Seconds, IDisposable? Owner) TrainNer(int f, List<AnnotatedDocument> nerTrain, List<AnnotatedDocument> nerDev, PairClassifierOptions options, EndToEndSettings settings)
    {
        var sw = Stopwatch.StartNew();
        IEntityRecognizer? window = null;
        double windowDev = double.NaN;
        if (settings.Ner is "token-window" or "dev-best")
        {
            var result = TokenWindowTrainer.Train(nerTrain, nerDev, new TokenWindowOptions { Seed = options.Seed, LexiconFolder = settings.NerLexicons });
            window = result.Best.CreateRecognizer();
            windowDev = result.BestDevScores?.Entities.Strict.Micro.F1 ?? double.NaN;
            Console.Error.WriteLine($"fold {f + 1}: token-window NER train {result.Train.Documents.Count} docs {result.Train.TokenCount} tokens {result.Train.EntityCount} entities ({string.Join(",", result.Train.EntitiesByLabel.Select(x => $"{x.Key}:{x.Value}"))}) problems {result.Train.Problems.Count}; dev F1 {windowDev:F4} best iteration {result.BestIteration}/{result.Iterations}; {sw.Elapsed.TotalSeconds:F1}s");
            if (settings.Ner == "token-window") return (window, sw.Elapsed.TotalSeconds, null);
        }
        var transformerClock = Stopwatch.StartNew();
        var model = TransformerNerTrainer.Train(nerTrain, nerDev, new TransformerNerOptions
        {
            Epochs = settings.NerEpochs, BatchSize = settings.NerBatch, Threads = settings.Threads, Seed = options.Seed, LexiconFolder = settings.NerLexicons, EncoderDropout = settings.EncoderDropout,
            PropagateInDocument = settings.NerPropagate,
        }, EncoderSource.MiniLm);
        var report = model.Training!;
        // The dev F1 of the model as it labels: with propagation when the dev tenth chose it.
        var transformerDev = report.Propagation is { } p ? Math.Max(p.Without.F1, p.Best.Score.F1) : report.BestDevF1;
        var propagation = "; " + (report.Propagation?.Describe() ?? $"propagation in document {model.Options.PropagateInDocument} (given)");
        Console.Error.WriteLine($"fold {f + 1}: transformer NER {report.TrainDocuments} docs {report.TrainWindows} windows {report.TrainPieces} pieces; dev F1 by epoch {string.Join(" ", report.History.Select(h => $"{h.DevF1:F4}"))}, best {report.BestDevF1:F4} (epoch {report.BestEpoch}, {report.StopReason}){propagation}; {transformerClock.Elapsed.TotalSeconds:F1}s");
        if (settings.Ner == "transformer" || !(windowDev >= transformerDev))
        {
            Console.Error.WriteLine($"fold {f + 1}: NER used: transformer");
            return (model.CreateRecognizer(), sw.Elapsed.TotalSeconds, model);
        }
        Console.Error.WriteLine($"fold {f + 1}: NER used: token-window (dev {windowDev:F4} >= {transformerDev:F4})");
        model.Dispose();
        return (window!, sw.Elapsed.TotalSeconds, null);
    }

    static (IRelationExtractor Extractor, double Seconds, IDisposable? Owner) TrainRelations(int f, List<AnnotatedDocument> train, List<AnnotatedDocument> nerTrain, List<AnnotatedDocument> nerDev, LabelSchema schema, PairClassifierOptions options, EndToEndSettings settings)
    {
        var sw = Stopwatch.StartNew();
        if (settings.Re == "pair-classifier")
        {
            var pair = PairClassifierTrainer.Train(train, schema, options, out _);
            return (new PairClassifierExtractor(pair, schema), sw.Elapsed.TotalSeconds, null);
        }
        var model = TransformerRelationTrainer.Train(nerTrain, nerDev, schema, new TransformerRelationOptions
        {
            Epochs = settings.ReEpochs, BatchSize = settings.ReBatch, Threads = settings.Threads, Seed = options.Seed, SentenceWindow = options.SentenceWindow, EncoderDropout = settings.EncoderDropout,
        }, EncoderSource.MiniLm);
        var report = model.Training!;
        Console.Error.WriteLine($"fold {f + 1}: transformer RE {report.Candidates} candidates; dev F1 by epoch {string.Join(" ", report.History.Select(h => $"{h.DevF1:F4}"))}, best {report.BestDevF1:F4} (epoch {report.BestEpoch}), threshold {model.Options.Threshold:F2}; {sw.Elapsed.TotalSeconds:F1}s");
        return (new TransformerRelationExtractor(model, schema), sw.Elapsed.TotalSeconds, model);
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
