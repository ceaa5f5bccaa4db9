using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>
/// Assertion scores over gold mentions: per flag (negated, uncertain, historical, hypothetical, family)
/// precision/recall/F1, and the three-way ConText classes: negation (Affirmed/Negated), temporality
/// (Recent/Historical/"Not particular" = hypothetical) and experiencer (Patient/Family member/Other),
/// each with accuracy and per-class scores.
/// </summary>
public sealed record AssertionScores(
    int Mentions,
    IReadOnlyDictionary<Assertions, FlagScore> Flags,
    ClassScores Negation,
    ClassScores Temporality,
    ClassScores Experiencer,
    IReadOnlyList<AssertionError> Errors)
{
    public static readonly Assertions[] ScoredFlags =
        [Assertions.Negated, Assertions.Uncertain, Assertions.Historical, Assertions.Hypothetical, Assertions.Family];

    public static string FlagName(Assertions flag) => flag.ToString().ToLowerInvariant();

    /// <summary>
    /// The "assertions" object of evaluation JSON:
    /// { "mentions": 2376, "negated": { "precision", "recall", "f1", "tp", "fp", "fn", "support" }, … ,
    ///   "negation": { "accuracy", "classes": { "Affirmed": {…}, "Negated": {…} } }, "temporality": …, "experiencer": … }
    /// </summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["mentions"] = Mentions };
        foreach (var flag in ScoredFlags) o[FlagName(flag)] = Score(Flags[flag]);
        o["negation"] = Negation.ToJson();
        o["temporality"] = Temporality.ToJson();
        o["experiencer"] = Experiencer.ToJson();
        return o;
    }

    internal static JsonObject Score(FlagScore s) => new()
    {
        ["precision"] = Math.Round(s.Precision, 4),
        ["recall"] = Math.Round(s.Recall, 4),
        ["f1"] = Math.Round(s.F1, 4),
        ["tp"] = s.TruePositives,
        ["fp"] = s.FalsePositives,
        ["fn"] = s.FalseNegatives,
        ["support"] = s.Support,
    };
}
