using System.Diagnostics;
using System.Globalization;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Relations.PairClassifier;

// Relation-extraction benchmark with gold entities (relation classification).
//   folds DIR FORMAT              train/test on DIR/fold_*/{train,test}.tsv; mean ± sd of F1
//   pmidfolds-e2e PATH FORMAT K N [ner_lexicons=DIR]  the first N of those K folds, end to end: a token-window NER trained on
//                                 the fold's training documents, then relations on its entities (ADE: the
//                                 sentences with an adverse effect only, as in SpERT's setting)
//   split FORMAT TEST TRAIN...    train on TRAIN files, score on TEST
//   devsweep FORMAT TRAIN DEV WINDOWS  document-level rules on DEV: per training window (comma list),
//                                 scoring window × aggregation rule × threshold, scored once per pair
// Options after --: window=N trainer=lbfgs|sdca l1=X l2=X threshold=X bits=N
// Prints one result line per run: task, P, R, F1, training seconds, pairs/s.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// The NER of the end-to-end mode may use the lexicon feature (what `train ner --lexicons DIR` does): ner_lexicons=DIR.
const string NerLexiconsArg = "ner_lexicons=";
var nerLexicons = args.LastOrDefault(a => a.StartsWith(NerLexiconsArg, StringComparison.Ordinal))?[NerLexiconsArg.Length..];
args = args.Where(a => !a.StartsWith(NerLexiconsArg, StringComparison.Ordinal)).ToArray();
var (positional, options) = ParseArgs(args);
switch (positional.FirstOrDefault())
{
    case "folds":
        Folds(positional[1], positional[2], options);
        break;
    case "pmidfolds":
        PmidFolds(positional[1], positional[2], int.Parse(positional[3]), options);
        break;
    case "pmidfolds-e2e":
        PmidFoldsEndToEnd(positional[1], positional[2], int.Parse(positional[3]), int.Parse(positional[4]), options, nerLexicons);
        break;
    case "devsweep":
        DevSweep(positional[1], positional[2], positional[3], positional[4], options);
        break;
    case "split":
        Split(positional[1], positional[2], positional.Skip(3).ToArray(), options, args);
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

// ADE-Corpus-V2 targets (SpERT 0.792 end to end, 0.85 with gold entities) are Drug → AdverseEffect only:
// the Dosage mentions and DosageOf relations of DRUG-DOSE.rel are dropped; its sentences stay, with their drugs.
static List<AnnotatedDocument> ReadCorpus(string path, string format)
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
static Dictionary<string, int> PmidFoldOf(IReadOnlyList<AnnotatedDocument> docs, int k, int seed)
{
    var pmids = docs.Select(Pmid).Distinct().Order(StringComparer.Ordinal).ToList();
    var rng = new Random(seed);
    return pmids.OrderBy(_ => rng.Next()).Select((p, i) => (p, i % k)).ToDictionary(x => x.p, x => x.Item2);
}

static string Pmid(AnnotatedDocument d) => d.Document.Meta.GetValueOrDefault("pmid", d.Id);

// k folds split by PubMed id (documents of one abstract never straddle train and test), fixed seed.
static void PmidFolds(string path, string format, int k, PairClassifierOptions options)
{
    var docs = ReadCorpus(path, format);
    var fold = PmidFoldOf(docs, k, options.Seed);
    var f1s = new List<double>();
    double trainSeconds = 0, pairsPerSecond = 0;
    for (var f = 0; f < k; f++)
    {
        var train = docs.Where(d => fold[Pmid(d)] != f).ToList();
        var test = docs.Where(d => fold[Pmid(d)] == f).ToList();
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

// End to end on the first n of the k PMID folds. NER: Ner.TokenWindow.v1 with default options, its outside
// penalty and propagation chosen on a dev tenth of the fold's training PMIDs (trained on the other nine
// tenths); relations: the pair classifier trained on the whole training fold with gold entities. Each fold
// also scores the same relation model with gold entities, so the two settings compare on the same folds.
static void PmidFoldsEndToEnd(string path, string format, int k, int n, PairClassifierOptions options, string? nerLexicons)
{
    var all = ReadCorpus(path, format);
    var fold = PmidFoldOf(all, k, options.Seed);
    // The end-to-end setting of the SpERT anchor (0.792): the sentences that state an adverse effect
    // (DRUG-AE.rel, 4,272), same PMID folds as the gold-entity run. ADE-NEG sentences are left out because
    // their drugs and conditions are real but unannotated, so every entity found there would count as false.
    var docs = format == "ade" ? all.Where(d => d.Relations.Count > 0).ToList() : all;
    var rows = new List<(double NerF1, double GoldF1, double E2eP, double E2eR, double E2eF1, double NerSeconds, double ReSeconds, double PairsPerSecond)>();
    for (var f = 0; f < Math.Min(n, k); f++)
    {
        var train = docs.Where(d => fold[Pmid(d)] != f).ToList();
        var test = docs.Where(d => fold[Pmid(d)] == f).ToList();
        var trainPmids = train.Select(Pmid).Distinct().Order(StringComparer.Ordinal).ToList();
        var rng = new Random(options.Seed + 1000 + f);
        var devPmids = trainPmids.OrderBy(_ => rng.Next()).Take(trainPmids.Count / 10).ToHashSet();
        // With the 16,688 entity-free ADE-NEG sentences in its training rows the token-window classifier
        // predicted no entity at all (dev F1 0 on fold 1); they are not in `docs` any more, and the filter
        // keeps it so for other corpora.
        var nerTrain = train.Where(d => !devPmids.Contains(Pmid(d)) && d.Entities.Count > 0).ToList();
        var nerDev = train.Where(d => devPmids.Contains(Pmid(d))).ToList();

        var sw = Stopwatch.StartNew();
        var nerResult = TokenWindowTrainer.Train(nerTrain, nerDev, new TokenWindowOptions { Seed = options.Seed, LexiconFolder = nerLexicons });
        var ner = nerResult.Best.CreateRecognizer();
        var nerSeconds = sw.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"fold {f + 1}: NER train {nerResult.Train.Documents.Count} docs {nerResult.Train.TokenCount} tokens {nerResult.Train.EntityCount} entities ({string.Join(",", nerResult.Train.EntitiesByLabel.Select(x => $"{x.Key}:{x.Value}"))}) problems {nerResult.Train.Problems.Count}; dev F1 {nerResult.BestDevScores?.Entities.Strict.Micro.F1:F4} best iteration {nerResult.BestIteration}/{nerResult.Iterations}");
        var schema = InferSchema(train.Concat(test));
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
    static string MeanSd(IEnumerable<double> xs)
    {
        var l = xs.ToList();
        var mean = l.Average();
        var sd = Math.Sqrt(l.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, l.Count - 1));
        return $"{mean:F4}±{sd:F4}";
    }
    Console.WriteLine($"RESULT	{Path.GetFileName(path.TrimEnd('/'))}-e2e	P={MeanSd(rows.Select(r => r.E2eP))}	R={MeanSd(rows.Select(r => r.E2eR))}	F1={MeanSd(rows.Select(r => r.E2eF1))}	gold_F1={MeanSd(rows.Select(r => r.GoldF1))}	ner_F1={MeanSd(rows.Select(r => r.NerF1))}	folds={rows.Count}/{k}	ner_train_mean={rows.Average(r => r.NerSeconds):F1}s	train_mean={rows.Average(r => r.ReSeconds):F1}s	pairs/s={rows.Average(r => r.PairsPerSecond):F0}");
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

static void Split(string format, string test, string[] trainFiles, PairClassifierOptions options, string[] args)
{
    var train = trainFiles.SelectMany(f => CorpusFormats.ReadAll(f, format)).ToList();
    // Document-level relations start from the defaults chosen on BC5CDR dev, as `asclepius train re` does.
    if (train.Any(d => d.Relations.Any(r => r.IsConceptLevel))) options = ParseArgs(args, new PairClassifierOptions().ForDocumentLevel()).Item2;
    var r = Run(train, CorpusFormats.ReadAll(test, format), options);
    Console.WriteLine($"RESULT\t{Path.GetFileName(test)}\tP={r.P:F4}\tR={r.R:F4}\tF1={r.F1:F4}\ttrain={r.TrainSeconds:F1}s\tpairs/s={r.PairsPerSecond:F0}\t{r.Detail}");
}

// Chooses the document-level rule on a development set: one training per sentence window, the dev pairs
// scored once, then every (scoring window ≤ training window, aggregation, k, threshold) evaluated on
// concept pairs. Prints one SWEEP line per setting and the best as BEST.
static void DevSweep(string format, string trainPath, string devPath, string windows, PairClassifierOptions options)
{
    var train = CorpusFormats.ReadAll(trainPath, format);
    var dev = CorpusFormats.ReadAll(devPath, format);
    var schema = InferSchema(train.Concat(dev));
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
    var detail = $"candidates={summary.Candidates} positives={string.Join(",", summary.PositivesByLabel.Select(p => $"{p.Key}:{p.Value}"))} unreachable={summary.GoldUnreachable}/{summary.GoldRelations} doc_level={model.DocumentLevel} window={model.Options.SentenceWindow} aggregation={model.Options.Aggregation} threshold={model.Options.Threshold:F2}";
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

static (List<string>, PairClassifierOptions) ParseArgs(string[] args, PairClassifierOptions? start = null)
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
