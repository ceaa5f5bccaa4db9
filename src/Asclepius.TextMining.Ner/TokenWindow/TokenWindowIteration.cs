using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// One point of the training curve: after L-BFGS round <see cref="Iteration"/> (a single point for
/// one-shot trainers), the dev scores with the outside penalty tuned for that round.
/// </summary>
public sealed record TokenWindowIteration(int Iteration, int TrainerIterations, double? DevPrecision, double? DevRecall, double? DevF1, float OutsidePenalty, bool Propagate, double Seconds)
{
    public JsonObject ToJson() => new()
    {
        ["iteration"] = Iteration,
        ["trainer_iterations"] = TrainerIterations,
        ["dev_precision"] = DevPrecision,
        ["dev_recall"] = DevRecall,
        ["dev_f1"] = DevF1,
        ["outside_penalty"] = OutsidePenalty,
        ["propagate_in_document"] = Propagate,
        ["seconds"] = Math.Round(Seconds, 1),
    };
}
