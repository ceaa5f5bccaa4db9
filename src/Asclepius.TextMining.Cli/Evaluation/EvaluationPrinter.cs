using System.Globalization;
using Asclepius.TextMining.Core.Evaluation;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Evaluation;

/// <summary>
/// Prints evaluation results as tables: one per score table (entities strict and lenient, relations
/// strict and document level), a row per label, then micro and macro rows. Used by `evaluate` and by
/// any command that predicts and then scores.
/// </summary>
public static class EvaluationPrinter
{
    public static void Print(EvaluationResult result, IAnsiConsole console)
    {
        console.WriteLine($"{result.Documents} documents scored.");
        PrintTable(console, "Entities, strict (exact span and label)", result.Entities.Strict);
        PrintTable(console, "Entities, lenient (overlapping span and label, one to one)", result.Entities.Lenient);
        if (result.Relations is { } relations)
        {
            PrintTable(console, "Relations, strict (argument spans and labels, direction)", relations.Strict);
            PrintTable(console, "Relations, document level (head concept, tail concept, label)", relations.DocumentLevel);
        }
    }

    public static void PrintTable(IAnsiConsole console, string title, ScoreTable scores)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(title));
        table.AddColumn("label");
        foreach (var name in new[] { "gold", "pred", "tp", "fp", "fn", "P", "R", "F1" })
            table.AddColumn(new TableColumn(name).RightAligned());

        foreach (var (label, s) in scores.Labels) table.AddRow(CountRow(label, s));
        if (scores.Labels.Count > 0) table.AddEmptyRow();
        table.AddRow(CountRow("micro", scores.Micro));
        var m = scores.Macro;
        table.AddRow($"macro ({m.Labels})", "", "", "", "", "", Score(m.Precision), Score(m.Recall), Score(m.F1));
        console.Write(table);
    }

    private static string[] CountRow(string label, PrfScore s) =>
    [
        Markup.Escape(label), Count(s.Gold), Count(s.Predicted), Count(s.TruePositives), Count(s.FalsePositives), Count(s.FalseNegatives),
        Score(s.Precision), Score(s.Recall), Score(s.F1),
    ];

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Score(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
}
