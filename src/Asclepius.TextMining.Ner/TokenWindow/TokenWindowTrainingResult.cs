using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// A trained model and what is known about it: <see cref="Best"/> scored best on dev (or is the last one
/// without dev), <see cref="Last"/> is the final iteration's model; dev scores of each.
/// </summary>
public sealed record TokenWindowTrainingResult(
    TokenWindowModel Best,
    TokenWindowModel Last,
    EvaluationResult? BestDevScores,
    EvaluationResult? LastDevScores,
    int BestIteration,
    int Iterations,
    NerTrainingSet Train,
    NerTrainingSet? Dev,
    TimeSpan Elapsed,
    IReadOnlyList<TokenWindowIteration> History);
