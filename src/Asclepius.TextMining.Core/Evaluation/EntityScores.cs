namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>Entity scores: strict (exact span and label) and lenient (overlap and label, one to one).</summary>
public sealed record EntityScores(ScoreTable Strict, ScoreTable Lenient);
