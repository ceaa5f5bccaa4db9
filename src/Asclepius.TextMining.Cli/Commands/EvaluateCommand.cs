using System.CommandLine;
using Asclepius.TextMining.Cli.Evaluation;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius evaluate --gold G --pred P [--format F] [--pred-format F] [--json FILE]`: scores a predicted
/// corpus against a gold one (documents paired by id; two CoNLL files in file order). The options live in <see cref="Options"/> so that
/// a command which predicts first (--model) can add its own and reuse <see cref="EvaluationRun"/>.
/// `asclepius evaluate --model M.zip --gold G [--threads N] [--json FILE]` first labels the gold corpus'
/// texts with the model (gold annotations unseen), then scores exactly as with --pred
/// (<see cref="ModelPrediction"/>); the JSON gains a "model" section with the model and its speed.
/// </summary>
public static class EvaluateCommand
{
    public sealed class Options
    {
        public Option<string> Gold { get; } = new("--gold") { Description = "Gold corpus file or folder.", HelpName = "path", Required = true };
        public Option<string?> Pred { get; } = new("--pred") { Description = "Predicted corpus file or folder (same document ids and texts as gold).", HelpName = "path" };
        public Option<string?> Format { get; } = CorpusOptions.Format("--format", "Format of both corpora (each is detected from its path when omitted).");
        public Option<string?> PredFormat { get; } = CorpusOptions.Format("--pred-format", "Format of the predicted corpus when it differs from --format.");
        public Option<string?> Json { get; } = CorpusOptions.JsonOutput("Also write the scores as JSON to this file.");
        public Option<string?> Model { get; } = new("--model", "-m") { Description = "Model package: label the gold corpus' texts with it, then score (instead of --pred).", HelpName = "zip" };
        public Option<int?> Threads { get; } = new("--threads") { Description = "With --model: documents labeled at once (default: all cores)." };

        public void AddTo(Command command)
        {
            command.Add(Gold);
            command.Add(Pred);
            command.Add(Format);
            command.Add(PredFormat);
            command.Add(Json);
            command.Add(Model);
            command.Add(Threads);
        }
    }

    public static Command Create()
    {
        var options = new Options();
        var command = new Command("evaluate", "Score predicted entities and relations against gold: precision, recall and F1 per label, micro and macro, strict and lenient.");
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            // One message naming everything missing (the parser alone reports only one of them).
            var missing = new List<string>();
            if (result.GetResult(options.Gold) is null) missing.Add("--gold (the gold corpus)");
            var pred = result.GetValue(options.Pred);
            var model = result.GetValue(options.Model);
            if (pred is null && model is null) missing.Add("--pred (the predicted corpus to score) or --model (a model package to predict with)");
            if (missing.Count > 0) result.AddError($"missing {string.Join(" and ", missing)}");
            if (pred is not null && model is not null) result.AddError("give --pred or --model, not both");
            if (model is null && result.GetValue(options.Threads) is not null) result.AddError("--threads applies to --model only");
        });

        command.SetAction(parse => CommandAction.Run(() =>
        {
            var goldPath = parse.GetValue(options.Gold)!;
            var jsonPath = parse.GetValue(options.Json);
            if (parse.GetValue(options.Model) is { } modelPath)
                return ModelPrediction.EvaluateModel(modelPath, goldPath, parse.GetValue(options.Format), parse.GetValue(options.Threads), jsonPath);
            var predPath = parse.GetValue(options.Pred)!;
            CorpusOptions.EnsureNotAnInput(jsonPath, "--json", goldPath, predPath);

            var format = parse.GetValue(options.Format);
            var gold = CorpusInput.Read(goldPath, format, lenient: false, Console.Error);
            var pred = CorpusInput.Read(predPath, parse.GetValue(options.PredFormat) ?? format, lenient: false, Console.Error);
            // CoNLL document ids are the file name and a counter, so two CoNLL files pair in file order.
            var inOrder = gold.Format == ConllFormat.FormatName && pred.Format == ConllFormat.FormatName;
            var console = Terminal.Create();
            if (inOrder) console.WriteLine("CoNLL files: documents paired in file order.");
            EvaluationRun.ScoreAndReport(gold.Documents, pred.Documents, console, jsonPath,
                pairing: inOrder ? DocumentPairingMode.InOrder : DocumentPairingMode.ById);
            return CliApp.Ok;
        }));
        return command;
    }
}
