namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Scores of a predicted corpus against a gold one. <see cref="Relations"/> is null when neither side
/// has any relation (an NER-only corpus), so that no one reads 0.0 relation scores as a result.
/// </summary>
public sealed record EvaluationResult(int Documents, EntityScores Entities, RelationScores? Relations);
