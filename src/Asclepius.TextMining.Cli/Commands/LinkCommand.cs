using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Pipeline.Linking;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius link build --vocabulary SRC --out vocab.zip [--options linker.json] [--threshold X] [--schema S]`:
/// imports a site vocabulary (an Athena export folder, a TSV, or a PostgreSQL connection string to an OMOP
/// schema), builds the normalized names and the 3-gram index once, and writes the linker's files
/// (<see cref="VocabularyBundle"/>); `package add-linker` puts them in a model package.
/// `asclepius link evaluate --vocabulary vocab.zip --gold G [--threshold X] [--json F]`: links the gold
/// mentions (their own ids hidden) and scores them: mention accuracy (overall and on mentions whose concept
/// the vocabulary holds), document-level concept sets, the share of gold concepts the vocabulary holds, and
/// a threshold sweep whose best document-level F1 names the threshold to use (choose it on a dev split).
/// </summary>
public static class LinkCommand
{
    private static readonly double[] Sweep = [0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0];

    public static Command Create()
    {
        var command = new Command("link", "Concept linking to the site's own vocabulary: build a vocabulary, score linking on gold mentions.");
        command.Subcommands.Add(Build());
        command.Subcommands.Add(Evaluate());
        return command;
    }

    private static Command Build()
    {
        var vocabulary = new Option<string>("--vocabulary") { Description = "An Athena export folder (CONCEPT.csv, CONCEPT_SYNONYM.csv, CONCEPT_RELATIONSHIP.csv), a TSV (id, name, synonyms, vocabulary, class) or a PostgreSQL connection string.", HelpName = "folder|tsv|connection", Required = true };
        var output = new Option<string>("--out") { Description = "The vocabulary bundle to write.", HelpName = "zip", Required = true };
        var options = new Option<string?>("--options") { Description = "Linker options: threshold and label → domains/vocabularies (default: Chemical/Drug → Drug, Disease → Condition, ...).", HelpName = "json" };
        var threshold = new Option<double?>("--threshold") { Description = "3-gram cosine below which a mention gets no concept (overrides the options file)." };
        var schema = new Option<string>("--schema") { Description = "With a PostgreSQL connection: the OMOP schema.", DefaultValueFactory = _ => "public" };
        var command = new Command("build", "Import a vocabulary and build its index (once) into a bundle for `package add-linker`.");
        foreach (var o in new Option[] { vocabulary, output, options, threshold, schema }) command.Add(o);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var linkerOptions = Options(parse.GetValue(options), parse.GetValue(threshold));
            var source = parse.GetValue(vocabulary)!;
            var clock = Stopwatch.StartNew();
            var import = VocabularyImport.Read(source, linkerOptions, parse.GetValue(schema)!);
            foreach (var problem in import.Problems) Console.Error.WriteLine($"skipped: {problem}");
            if (import.ProblemCount > import.Problems.Count) Console.Error.WriteLine($"skipped: {import.ProblemCount - import.Problems.Count} more rows");
            var readSeconds = clock.Elapsed.TotalSeconds;
            var built = import.Builder.Build(linkerOptions.AllDomains());
            var buildSeconds = clock.Elapsed.TotalSeconds - readSeconds;
            var info = new JsonObject
            {
                ["source"] = Directory.Exists(source) ? "athena" : File.Exists(source) ? "tsv" : "postgres",
                ["concepts_read"] = import.Builder.ConceptCount,
                ["synonyms_read"] = import.Builder.SynonymCount,
                ["maps_to_read"] = import.Builder.MappingCount,
                ["rows_skipped"] = import.ProblemCount,
                ["concepts_outside_linked_domains"] = import.SkippedByDomain,
                ["concepts"] = built.Concepts.Count,
                ["terms"] = built.TermCount,
                ["names"] = built.EntryCount,
                ["grams"] = built.Index.GramCount,
                ["postings"] = built.Index.PostingCount,
                ["options"] = linkerOptions.ToString(),
            };
            var target = parse.GetValue(output)!;
            VocabularyBundle.Write(target, built, linkerOptions, info);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{built.Concepts.Count} concepts, {built.TermCount} distinct names, {built.Index.PostingCount} 3-gram postings; read {readSeconds:F1} s, built {buildSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s → {target}"));
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command Evaluate()
    {
        var vocabulary = new Option<string>("--vocabulary") { Description = "A bundle from `link build`.", HelpName = "zip", Required = true };
        var gold = new Option<string>("--gold") { Description = "Gold corpus whose mentions carry concept ids (PubTator: MeSH).", HelpName = "path", Required = true };
        var format = CorpusOptions.Format("--format", "Format of the gold corpus (detected from its path when omitted).");
        var threshold = new Option<double?>("--threshold") { Description = "Score at this threshold (default: the bundle's)." };
        var json = CorpusOptions.JsonOutput("Also write the scores as JSON to this file.");
        var errors = new Option<string?>("--errors") { Description = "Also write the wrongly linked gold mentions as TSV (document id, offsets, label, gold ids, predicted id, score; no text).", HelpName = "tsv" };
        var command = new Command("evaluate", "Link gold mentions with a vocabulary and score them (mention accuracy, document concept sets, coverage, threshold sweep).");
        foreach (var o in new Option[] { vocabulary, gold, format, threshold, json, errors }) command.Add(o);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var linker = VocabularyBundle.Load(parse.GetValue(vocabulary)!);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            var corpus = CorpusInput.Read(parse.GetValue(gold)!, parse.GetValue(format), lenient: false, Console.Error);
            clock.Restart();
            // Every gold mention's best candidate, whatever its score, once; thresholds then only filter.
            var candidates = corpus.Documents.AsParallel().AsOrdered().Select(d =>
            {
                var abbreviations = AbbreviationFinder.Find(d.Text);
                return d.Entities.Select(e => linker.Candidate(d.TextOf(e), e.Label, abbreviations)).ToArray();
            }).ToArray();
            var mentions = candidates.Sum(c => c.Length);
            var linkSeconds = clock.Elapsed.TotalSeconds;

            IReadOnlyList<DocumentPair> At(double t) => corpus.Documents.Select((d, i) => new DocumentPair(d, d with
            {
                Entities = d.Entities.Select((e, j) => candidates[i][j] is { } c && c.Score >= t
                    ? e with { Concept = c.Id, Link = c, Source = AnnotationSource.Predicted }
                    : e with { Concept = null, Link = null, Source = AnnotationSource.Predicted }).ToArray(),
            })).ToArray();

            var sweep = new JsonArray();
            var best = (Threshold: 0.0, F1: -1.0);
            Console.WriteLine("threshold  accuracy  doc-F1");
            foreach (var t in Sweep)
            {
                var s = LinkingEvaluator.Evaluate(At(t));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t,9:F2}  {s.Accuracy,8:F4}  {s.Documents.Micro.F1,6:F4}"));
                sweep.Add(new JsonObject { ["threshold"] = t, ["accuracy"] = Math.Round(s.Accuracy, 4), ["document_f1"] = Math.Round(s.Documents.Micro.F1, 4) });
                if (s.Documents.Micro.F1 >= best.F1) best = (t, s.Documents.Micro.F1);
            }
            var chosen = parse.GetValue(threshold) ?? linker.Options.Threshold;
            var scores = LinkingEvaluator.Evaluate(At(chosen), linker.Vocabulary.ContainsConcept);
            var goldConcepts = corpus.Documents.SelectMany(d => d.Entities.SelectMany(e => e.ConceptIds.Select(c => (d.Id, e.Label, c)))).Distinct().ToArray();
            var covered = goldConcepts.Count(g => linker.Vocabulary.ContainsConcept(g.c));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threshold {chosen:F2}: mention accuracy {scores.Accuracy:F4} ({scores.Correct}/{scores.Matched}), in vocabulary {scores.InVocabularyAccuracy:F4} ({scores.InVocabulary!.Value.Correct}/{scores.InVocabulary.Value.Mentions}); document concepts P {scores.Documents.Micro.Precision:F4} R {scores.Documents.Micro.Recall:F4} F1 {scores.Documents.Micro.F1:F4}"));
            foreach (var (label, s) in scores.Documents.Labels)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: document concepts P {s.Precision:F4} R {s.Recall:F4} F1 {s.F1:F4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ceiling: {covered}/{goldConcepts.Length} document concepts ({(goldConcepts.Length == 0 ? 0 : (double)covered / goldConcepts.Length):F4}) are in the vocabulary; best threshold on this corpus {best.Threshold:F2} (document F1 {best.F1:F4}); load {loadSeconds:F2} s, {mentions} mentions linked in {linkSeconds:F2} s"));
            if (parse.GetValue(errors) is { } errorPath)
            {
                using var w = new StreamWriter(errorPath);
                w.WriteLine("document\tstart\tend\tlabel\tgold\tpredicted\tscore\tin_vocabulary");
                foreach (var (d, i) in corpus.Documents.Select((d, i) => (d, i)))
                    foreach (var (e, j) in d.Entities.Select((e, j) => (e, j)))
                    {
                        var c = candidates[i][j];
                        if (e.ConceptIds.Count == 0 || (c is not null && c.Score >= chosen && e.ConceptIds.Contains(c.Id))) continue;
                        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{d.Id}\t{e.Span.Start}\t{e.Span.End}\t{e.Label}\t{e.Concept}\t{c?.Id}\t{c?.Score:F3}\t{e.ConceptIds.Any(linker.Vocabulary.ContainsConcept)}"));
                    }
            }
            if (parse.GetValue(json) is { } path)
            {
                var o = new JsonObject
                {
                    ["threshold"] = chosen,
                    ["scores"] = scores.ToJson(),
                    ["document_concepts_in_vocabulary"] = covered,
                    ["document_concepts"] = goldConcepts.Length,
                    ["best_threshold"] = best.Threshold,
                    ["sweep"] = sweep,
                    ["load_seconds"] = Math.Round(loadSeconds, 3),
                    ["link_seconds"] = Math.Round(linkSeconds, 3),
                    ["mentions"] = mentions,
                };
                JsonOutput.Write(o, path);
            }
            return CliApp.Ok;
        }));
        return command;
    }

    internal static LinkerOptions Options(string? path, double? threshold)
    {
        var options = path is null ? LinkerOptions.Default : LinkerOptions.Load(path);
        if (threshold is { } t)
        {
            if (t is < 0 or > 1) throw new UsageException("--threshold must be in [0, 1]");
            options = options.WithThreshold(t);
        }
        return options;
    }
}
