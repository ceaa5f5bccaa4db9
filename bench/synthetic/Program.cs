using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Bench.Synthetic;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.TokenWindow;
using Asclepius.TextMining.Relations.PairClassifier;

// The synthetic-data experiment: train on generated documents (optionally mixed with a share of the real
// training set), score on real gold. One JSON line per run on stdout, progress on stderr.
//   ner       --gen FILE [--real FILE --real-share X] --test FILE [--lexicons DIR] [--iterations N] [--errors PREFIX]
//   re        --gen FILE [--real FILE --real-share X] --test FILE [--test-format F] --schema FILE [--window N] [--mention-level]
//   bilstm    --gen FILE [--real FILE --real-share X] --test FILE [--epochs N] [--minutes M] [--synthetic-dev X] [--errors PREFIX]
//   coverage  --lexicons DIR --test FILE
var a = BenchArgs.Parse(args);
var mode = a.Positional(0);
var clock = Stopwatch.StartNew();
var result = new JsonObject { ["mode"] = mode, ["tag"] = a.Has("tag") ? a.Get("tag") : mode };

switch (mode)
{
    case "ner": Ner(); break;
    case "bilstm": BiLstm(); break;
    case "re": Re(); break;
    case "coverage": Coverage(); break;
    default: Console.Error.WriteLine("usage: ner|re|coverage ..."); return 2;
}
result["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
Console.WriteLine(result.ToJsonString());
return 0;

List<AnnotatedDocument> TrainingSet()
{
    var docs = new List<AnnotatedDocument>();
    if (a.Has("gen"))
    {
        var gen = CorpusFormats.ReadAll(a.Get("gen")).ToList();
        if (a.Has("gen-count")) gen = gen.Take(a.Int("gen-count")).ToList();
        result["generated_documents"] = gen.Count;
        docs.AddRange(gen);
    }
    if (a.Has("real"))
    {
        var share = a.Double("real-share", 1.0);
        var real = CorpusFormats.ReadAll(a.Get("real"), "pubtator");
        // A fixed, seeded sample of whole documents.
        var picked = real.OrderBy(d => Hash(d.Id)).Take((int)Math.Round(real.Count * share)).ToList();
        result["real_share"] = share;
        result["real_documents"] = picked.Count;
        docs.AddRange(picked);
    }
    if (docs.Count == 0) throw new ArgumentException("give --gen and/or --real");
    return docs;
}

void Ner()
{
    var train = TrainingSet();
    var test = CorpusFormats.ReadAll(a.Get("test"), "pubtator");
    var options = new TokenWindowOptions
    {
        LexiconFolder = a.Has("lexicons") ? a.Get("lexicons") : null,
        Iterations = a.Has("iterations") ? a.Int("iterations") : null,
        Seed = a.Int("seed", 1),
        PropagateInDocument = a.Has("propagate") ? bool.Parse(a.Get("propagate")) : null,
        OutsidePenalty = a.Has("outside-penalty") ? float.Parse(a.Get("outside-penalty"), CultureInfo.InvariantCulture) : null,
    };
    Console.Error.WriteLine($"ner: training on {train.Count} documents ({options.LexiconFolder ?? "no lexicons"})");
    // --synthetic-dev X: the last X of the generated documents are held out as dev (model-best and the
    // outside penalty are chosen on them): still generated data only.
    List<AnnotatedDocument>? dev = null;
    if (a.Has("synthetic-dev"))
    {
        var n = (int)Math.Round(train.Count(d => d.Document.Meta.ContainsKey("provider")) * a.Double("synthetic-dev"));
        dev = train.Where(d => d.Document.Meta.ContainsKey("provider")).TakeLast(n).ToList();
        var held = dev.Select(d => d.Id).ToHashSet();
        train = train.Where(d => !held.Contains(d.Id)).ToList();
        result["synthetic_dev_documents"] = dev.Count;
    }
    var trained = TokenWindowTrainer.Train(train, dev, options, null);
    result["outside_penalty"] = trained.Best.Options.OutsidePenalty;
    result["propagate_in_document"] = trained.Best.Options.PropagateInDocument;
    result["train_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
    var recognizer = trained.Best.CreateRecognizer();
    var predicted = test.AsParallel().AsOrdered()
        .Select(d => new AnnotatedDocument(d.Document, recognizer.Recognize(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))))
        .ToList();
    var scores = CorpusEvaluator.Evaluate(test, predicted);
    result["backend"] = TokenWindowModel.Kind;
    result["strict"] = Table(scores.Entities.Strict);
    result["lenient"] = Table(scores.Entities.Lenient);
    if (a.Has("errors")) ErrorReport.Write(test, predicted, a.Get("errors"), result);
}

void BiLstm()
{
    var train = TrainingSet();
    var test = CorpusFormats.ReadAll(a.Get("test"), "pubtator");
    // Early stopping needs a dev set: held-out generated documents (generated data only).
    var n = Math.Max(1, (int)Math.Round(train.Count * a.Double("synthetic-dev", 0.1)));
    var dev = train.TakeLast(n).ToList();
    train = train.Take(train.Count - n).ToList();
    var options = new BiLstmCrfOptions
    {
        Epochs = a.Int("epochs", 3), Patience = a.Int("patience", 2), Threads = a.Int("threads", 2), Seed = a.Int("seed", 42),
        // A wall-clock cap: the machine is shared, so the epoch count alone does not bound the run.
        TimeLimit = a.Has("minutes") ? TimeSpan.FromMinutes(a.Double("minutes")) : null,
    };
    Console.Error.WriteLine($"bilstm: training on {train.Count} documents, synthetic dev {dev.Count}");
    using var model = BiLstmCrfTrainer.Train(train, dev, options, null);
    result["train_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
    var recognizer = model.CreateRecognizer();
    var predicted = test.Select(d => new AnnotatedDocument(d.Document, recognizer.Recognize(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text)))).ToList();
    var scores = CorpusEvaluator.Evaluate(test, predicted);
    result["backend"] = BiLstmCrfModel.Kind;
    result["epochs"] = options.Epochs;
    if (options.TimeLimit is { } limit) result["minutes_limit"] = limit.TotalMinutes;
    result["synthetic_dev_documents"] = dev.Count;
    result["strict"] = Table(scores.Entities.Strict);
    result["lenient"] = Table(scores.Entities.Lenient);
    if (a.Has("errors")) ErrorReport.Write(test, predicted, a.Get("errors"), result);
}

void Re()
{
    var train = TrainingSet();
    var schema = LabelSchema.Load(a.Get("schema"));
    var test = CorpusFormats.ReadAll(a.Get("test"), a.Has("test-format") ? a.Get("test-format") : "pubtator");
    if (a.Has("test-limit")) test = test.Take(a.Int("test-limit")).ToList();
    // BC5CDR CID is document level (concept pairs); ADE relations are mention level.
    var documentLevel = !a.Has("mention-level");
    var options = new PairClassifierOptions { DocumentLevel = documentLevel, SentenceWindow = a.Int("window", 0), Seed = a.Int("seed", 1), Threads = 2 };
    Console.Error.WriteLine($"re: training on {train.Count} documents, scoring {test.Count}");
    var model = PairClassifierTrainer.Train(train, schema, options, out var summary);
    var extractor = new PairClassifierExtractor(model, schema);
    // Relation classification with gold entities (for CID, their concept ids make the relations document level).
    var predicted = test.AsParallel().AsOrdered()
        .Select(d => new AnnotatedDocument(d.Document, d.Entities, extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities)))
        .ToList();
    var scores = RelationEvaluator.Evaluate(test.Zip(predicted, (g, p) => new DocumentPair(g, p)));
    // Reference point: every schema-allowed pair of gold entities in a document predicted as related.
    var allPairs = test.Select(d => new AnnotatedDocument(d.Document, d.Entities,
        (from h in d.Entities from t in d.Entities where h != t
         from label in schema.RelationsAllowed(h.Label, t.Label)
         select new Relation($"A{h.Id}-{t.Id}", label, h.Id, t.Id, 1, AnnotationSource.Predicted, h.ConceptIds.FirstOrDefault(), t.ConceptIds.FirstOrDefault())).ToArray())).ToList();
    var allScores = RelationEvaluator.Evaluate(test.Zip(allPairs, (g, p) => new DocumentPair(g, p)));
    result["all_pairs_baseline"] = Table(documentLevel ? allScores.DocumentLevel : allScores.Strict);
    result["window"] = options.SentenceWindow;
    result["candidates"] = summary.Candidates;
    result["test_documents"] = test.Count;
    result[documentLevel ? "document_level" : "strict"] = Table(documentLevel ? scores.DocumentLevel : scores.Strict);
}

void Coverage()
{
    var surfaces = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    foreach (var file in Directory.GetFiles(a.Get("lexicons"), "*.tsv"))
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length < 2) continue;
            surfaces.Add(cols[0]);
            foreach (var v in cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries)) surfaces.Add(v);
        }
    var test = CorpusFormats.ReadAll(a.Get("test"), "pubtator");
    foreach (var label in test.SelectMany(d => d.Entities).Select(e => e.Label).Distinct().Order())
    {
        var mentions = test.SelectMany(d => d.Entities.Where(e => e.Label == label).Select(e => d.TextOf(e))).ToList();
        var distinct = mentions.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        result[label] = new JsonObject
        {
            ["mentions"] = mentions.Count,
            ["mentions_in_lexicons"] = mentions.Count(surfaces.Contains),
            ["distinct_surfaces"] = distinct.Count,
            ["distinct_in_lexicons"] = distinct.Count(surfaces.Contains),
        };
    }
}

static JsonObject Table(ScoreTable t)
{
    var o = new JsonObject { ["micro"] = Prf(t.Micro) };
    foreach (var (label, s) in t.Labels) o[label] = Prf(s);
    return o;
}

static JsonObject Prf(PrfScore s) => new()
{
    ["p"] = Math.Round(s.Precision, 4), ["r"] = Math.Round(s.Recall, 4), ["f1"] = Math.Round(s.F1, 4),
    ["tp"] = s.TruePositives, ["fp"] = s.FalsePositives, ["fn"] = s.FalseNegatives,
};

static ulong Hash(string s)
{
    ulong h = 14695981039346656037UL;
    foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
    return h;
}
