using System.Globalization;
using Asclepius.TextMining.Core.Context.Evaluation;
using Spectre.Console;

namespace Asclepius.TextMining.Cli.Evaluation;

/// <summary>Prints assertion scores: one row per flag, then accuracy and per-class scores for negation, temporality and experiencer.</summary>
public static class AssertionPrinter
{
    public static void Print(AssertionScores scores, IAnsiConsole console)
    {
        var flags = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"Assertions on {scores.Mentions} gold mentions"));
        flags.AddColumn("flag");
        foreach (var c in new[] { "gold", "pred", "tp", "fp", "fn", "P", "R", "F1" }) flags.AddColumn(new TableColumn(c).RightAligned());
        foreach (var flag in AssertionScores.ScoredFlags)
        {
            var s = scores.Flags[flag];
            flags.AddRow(AssertionScores.FlagName(flag), N(s.Support), N(s.Predicted), N(s.TruePositives), N(s.FalsePositives), N(s.FalseNegatives), F(s.Precision), F(s.Recall), F(s.F1));
        }
        console.Write(flags);
        foreach (var (name, c) in new[] { ("Negation", scores.Negation), ("Temporality", scores.Temporality), ("Experiencer", scores.Experiencer) })
        {
            var t = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{name}: accuracy {F(c.Accuracy)}"));
            t.AddColumn("class");
            foreach (var col in new[] { "gold", "pred", "P", "R", "F1" }) t.AddColumn(new TableColumn(col).RightAligned());
            foreach (var cls in c.Classes)
            {
                var s = c.PerClass[cls];
                t.AddRow(Markup.Escape(cls), N(s.Support), N(s.Predicted), F(s.Precision), F(s.Recall), F(s.F1));
            }
            console.Write(t);
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
}
