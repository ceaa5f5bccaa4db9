using System.CommandLine;
using Asclepius.TextMining.Cli.Evaluation;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Formats;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius evaluate --gold G --pred P [--format F] [--pred-format F] [--json FILE]`: scores a predicted
/// corpus against a gold one (documents paired by id; two CoNLL files in file order). The options live in
/// <see cref="EvaluateOptions"/> and the scoring, printing and JSON in <see cref="EvaluationRun"/>, so that a
/// mode which predicts first (--model) adds its option and calls the same code after predicting.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var options = new EvaluateOptions();
        var command = new Command("evaluate", "Score predicted entities and relations against gold: precision, recall and F1 per label, micro and macro, strict and lenient.");
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            // One message naming everything missing (the parser alone reports only one of them).
            var missing = new List<string>();
            if (result.GetResult(options.Gold) is null) missing.Add("--gold (the gold corpus)");
            if (result.GetValue(options.Pred) is null) missing.Add("--pred (the predicted corpus to score)");
            if (missing.Count > 0) result.AddError($"missing {string.Join(" and ", missing)}");
        });

        command.SetAction(parse => CommandAction.Run(() =>
        {
            var goldPath = parse.GetValue(options.Gold)!;
            var predPath = parse.GetValue(options.Pred)!;
            var jsonPath = parse.GetValue(options.Json);
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
