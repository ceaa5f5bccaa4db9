using System.CommandLine;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Evaluation;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Cli.Reports;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Context.Evaluation;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Pipeline;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius evaluate --gold G (--pred P | --model M.zip) [--format F] [--pred-format F] [--json FILE] [--report FILE]`:
/// scores a predicted corpus against a gold one (documents paired by id; two CoNLL files in file order),
/// or the predictions of a model package on the gold texts. Assertion flags are scored on the mentions
/// both sides share when the gold corpus has any. A NegEx/ConText kit (--format negex) needs neither
/// --pred nor --model: the assertion rules (shipped, or --rules/--sections, or the package's with --model)
/// are scored on its gold conditions, as the kit is meant to be used. --report writes one self-contained
/// HTML file with charts, confusion matrices, the package's training curve and every error in context.
/// The options live in <see cref="EvaluateOptions"/>; scoring, printing and JSON in <see cref="EvaluationRun"/>.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var options = new EvaluateOptions();
        var command = new Command("evaluate", "Score predicted entities, relations and assertions against gold: precision, recall and F1 per label, micro and macro, strict and lenient; optional HTML report.");
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            // One message naming everything missing (the parser alone reports only one of them).
            var missing = new List<string>();
            var gold = result.GetValue(options.Gold);
            if (gold is null) missing.Add("--gold (the gold corpus)");
            var pred = result.GetValue(options.Pred);
            var model = result.GetValue(options.Model);
            if (pred is not null && model is not null) result.AddError("give --pred or --model, not both");
            if (model is null && result.GetValue(options.Threads) is not null) result.AddError("--threads applies to --model only");
            if (result.GetValue(options.Threads) is < 1) result.AddError("--threads must be at least 1");
            if (model is null && result.GetValue(options.Device) is not null) result.AddError("--device applies to --model only");
            // Without predictions only a NegEx/ConText kit can be scored: its gold conditions go through the rules.
            if (pred is null && model is null && !IsNegEx(gold, result.GetValue(options.Format)))
                missing.Add("--pred (the predicted corpus to score) or --model (a package to predict with)");
            if (missing.Count > 0) result.AddError($"missing {string.Join(" and ", missing)}");
        });

        command.SetAction(parse => CommandAction.Run(() =>
        {
            var goldPath = parse.GetValue(options.Gold)!;
            var predPath = parse.GetValue(options.Pred);
            var modelPath = parse.GetValue(options.Model);
            var device = parse.GetValue(options.Device) ?? "cpu";
            var jsonPath = parse.GetValue(options.Json);
            var reportPath = parse.GetValue(options.Report);
            CorpusOptions.EnsureNotAnInput(jsonPath, "--json", goldPath, predPath, modelPath);
            CorpusOptions.EnsureNotAnInput(reportPath, "--report", goldPath, predPath, modelPath);
            if ((parse.GetValue(options.Rules) ?? parse.GetValue(options.SectionRules)) is not null && (predPath ?? modelPath) is not null)
                throw new UsageException("--rules and --sections score rules on gold mentions: use them without --pred and --model");

            var format = parse.GetValue(options.Format);
            var gold = CorpusInput.Read(goldPath, format, lenient: false, Console.Error);
            var console = Terminal.Create();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu = ModelSpeed.CpuSeconds();
            var pipeline = modelPath is null ? null : ExtractionPipeline.Load(modelPath, device);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            var loadCpu = ModelSpeed.CpuSeconds() - cpu;
            ModelSpeed? speed = null;

            if (predPath is null && (pipeline is null || gold.Format == NegExFormat.FormatName))
            {
                // Assertions alone, on the gold mentions: the package's annotators, or the rule files.
                IReadOnlyList<IEntityAnnotator> annotators = pipeline is not null
                    ? pipeline.Annotators
                    : [new SectionAnnotator(LoadSections(parse.GetValue(options.SectionRules))), new ContextAnnotator(LoadRules(parse.GetValue(options.Rules)))];
                if (annotators.Count == 0) throw new UsageException($"{modelPath} has no assertion or section component to score on {goldPath} (add one with `asclepius package add-context`)");
                ScoreAssertionsOnly(gold, annotators, console, jsonPath, reportPath, pipeline);
                return CliApp.Ok;
            }

            IReadOnlyList<AnnotatedDocument> predicted;
            var pairing = DocumentPairingMode.ById;
            string predictedName;
            if (pipeline is not null)
            {
                var threads = parse.GetValue(options.Threads) ?? Environment.ProcessorCount;
                clock.Restart();
                cpu = ModelSpeed.CpuSeconds();
                predicted = pipeline.ProcessBatch(gold.Documents.Select(d => d.Document), threads).ToArray();
                speed = ModelSpeed.Of(pipeline, device, gold.Documents, threads, loadSeconds, clock.Elapsed.TotalSeconds, loadCpu, ModelSpeed.CpuSeconds() - cpu);
                predictedName = $"{pipeline.ModelIdentity} ({Path.GetFileName(modelPath)})";
                console.WriteLine($"{predicted.Count} documents labeled with {pipeline.ModelIdentity}: {speed}.");
            }
            else
            {
                var pred = CorpusInput.Read(predPath!, parse.GetValue(options.PredFormat) ?? format, lenient: false, Console.Error);
                // CoNLL document ids are the file name and a counter, so two CoNLL files pair in file order.
                if (gold.Format == ConllFormat.FormatName && pred.Format == ConllFormat.FormatName)
                {
                    pairing = DocumentPairingMode.InOrder;
                    console.WriteLine("CoNLL files: documents paired in file order.");
                }
                predicted = pred.Documents;
                predictedName = predPath!;
            }

            AssertionScores? assertions = null;
            var (result, _) = EvaluationRun.ScoreAndReport(gold.Documents, predicted, console, jsonPath, json =>
            {
                if (pipeline?.Relations is not null && gold.Documents.Any(d => d.Relations.Count > 0) && json["relations"] is JsonObject endToEnd)
                    json["relations"] = RelationSettings(gold.Documents, endToEnd, pipeline, pairing, console);

                if (speed is not null) json["model"] = speed.ToJson();
                // Concept linking, when gold mentions carry ids and the predictions have concepts (a linker ran).
                var linkPairs = DocumentPairing.Pair(gold.Documents, predicted, pairing);
                if (LinkingEvaluator.Applies(linkPairs))
                {
                    var linking = LinkingEvaluator.Evaluate(linkPairs);
                    console.WriteLine($"concept linking: mention accuracy {linking.Accuracy:F4} ({linking.Correct}/{linking.Matched} matched gold mentions); document concepts F1 {linking.Documents.Micro.F1:F4} ({string.Join(", ", linking.Documents.Labels.Select(l => $"{l.Key} {l.Value.F1:F4}"))})");
                    json["linking"] = linking.ToJson();
                }
                // Assertions on the mentions both sides share, when gold says anything about assertions.
                if (!gold.Documents.Any(d => d.Entities.Any(e => e.Assertions != Assertions.None))) return;
                var evaluator = new AssertionEvaluator();
                foreach (var pair in DocumentPairing.Pair(gold.Documents, predicted, pairing)) evaluator.AddMatched(pair);
                assertions = evaluator.Result();
                AssertionPrinter.Print(assertions, console);
                json["assertions"] = assertions.ToJson();
            }, pairing);

            if (reportPath is not null)
            {
                var builder = new EvaluationReportBuilder($"Evaluation: {Path.GetFileName(goldPath)}")
                    .Fact("gold", goldPath).Fact("predicted", predictedName).Fact("documents", result.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .AddEntities(DocumentPairing.Pair(gold.Documents, predicted, pairing), result)
                    .WithCurve(pipeline is null ? null : TrainingCurveReader.Read(pipeline.Package));
                if (assertions is not null) builder.AddAssertions(assertions);
                EvaluationReportWriter.Write(builder.Build(), reportPath);
                console.WriteLine($"report written to {reportPath}");
            }
            return CliApp.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Relations in two settings: "end_to_end" (the package's own entities, what the top-level scores already
    /// say) and "gold_entities" (relations predicted between the gold entities: relation classification alone).
    /// </summary>
    private static JsonObject RelationSettings(IReadOnlyList<AnnotatedDocument> gold, JsonObject endToEnd, ExtractionPipeline pipeline, DocumentPairingMode pairing, IAnsiConsole console)
    {
        var withGoldEntities = gold.AsParallel().AsOrdered()
            .Select(d => pipeline.Process(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities))
            .ToArray();
        var scores = RelationEvaluator.Evaluate(DocumentPairing.Pair(gold, withGoldEntities, pairing));
        var relations = (JsonObject)endToEnd.DeepClone();
        relations["end_to_end"] = endToEnd.DeepClone();
        relations["gold_entities"] = EvaluationJson.ToJson(scores);
        console.WriteLine($"relations with gold entities: strict F1 {scores.Strict.Micro.F1:F4}, document-level F1 {scores.DocumentLevel.Micro.F1:F4}");
        return relations;
    }

    private static void ScoreAssertionsOnly(CorpusInput gold, IReadOnlyList<IEntityAnnotator> annotators, IAnsiConsole console, string? jsonPath, string? reportPath, ExtractionPipeline? pipeline)
    {
        var withMention = gold.Documents.Count(d => d.Entities.Count > 0);
        var scores = AssertionEvaluator.Run(gold.Documents, annotators);
        var rulesName = pipeline is null ? "the assertion rules" : pipeline.ModelIdentity;
        console.WriteLine($"{gold.Documents.Count} documents, {scores.Mentions} gold mentions scored with {rulesName} ({string.Join(" → ", annotators.Select(a => a.Kind))}).");
        if (withMention < gold.Documents.Count)
            console.WriteLine($"{gold.Documents.Count - withMention} document(s) have no gold mention (the reader could not place their condition) and are not scored.");
        AssertionPrinter.Print(scores, console);
        var json = new JsonObject
        {
            ["documents"] = gold.Documents.Count,
            ["scored_with"] = new JsonArray(annotators.Select(a => (JsonNode)a.Kind).ToArray()),
            ["assertions"] = scores.ToJson(),
        };
        if (jsonPath is not null)
        {
            JsonOutput.Write(json, jsonPath);
            console.WriteLine($"scores written to {jsonPath}");
        }
        if (reportPath is not null)
        {
            var report = new EvaluationReportBuilder($"Assertions: {Path.GetFileName(gold.Path)}")
                .Fact("gold", gold.Path).Fact("scored with", rulesName).Fact("mentions", scores.Mentions.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .AddAssertions(scores)
                .WithCurve(pipeline is null ? null : TrainingCurveReader.Read(pipeline.Package))
                .Build();
            EvaluationReportWriter.Write(report, reportPath);
            console.WriteLine($"report written to {reportPath}");
        }
    }

    private static ContextRuleSet LoadRules(string? path) => path is null ? ContextRuleSet.Default : ContextRuleSet.Load(path);

    private static SectionRuleSet LoadSections(string? path) => path is null ? SectionRuleSet.Default : SectionRuleSet.Load(path);

    /// <summary>True when the gold corpus is a NegEx/ConText kit: named so, or detected so from its first line.</summary>
    private static bool IsNegEx(string? gold, string? format)
    {
        if (format is not null) return string.Equals(format, NegExFormat.FormatName, StringComparison.OrdinalIgnoreCase);
        if (gold is null || !File.Exists(gold)) return false;
        try { return CorpusFormats.Resolve(gold).Name == NegExFormat.FormatName; }
        catch (Core.Errors.TextMiningException) { return false; }
    }
}
