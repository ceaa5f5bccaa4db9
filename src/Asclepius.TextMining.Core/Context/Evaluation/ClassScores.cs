using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>A multi-class view of one assertion axis: accuracy, per-class scores and the gold × predicted counts.</summary>
public sealed record ClassScores(double Accuracy, IReadOnlyList<string> Classes, IReadOnlyDictionary<string, FlagScore> PerClass, IReadOnlyDictionary<(string Gold, string Predicted), int> Confusion)
{
    public JsonObject ToJson()
    {
        var classes = new JsonObject();
        foreach (var c in Classes) classes[c] = AssertionScores.Score(PerClass[c]);
        var confusion = new JsonObject();
        foreach (var g in Classes)
        {
            var row = new JsonObject();
            foreach (var p in Classes) row[p] = Confusion.TryGetValue((g, p), out var n) ? n : 0;
            confusion[g] = row;
        }
        return new JsonObject { ["accuracy"] = Math.Round(Accuracy, 4), ["classes"] = classes, ["confusion"] = confusion };
    }
}
