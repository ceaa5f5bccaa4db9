namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>One sentence of a CoNLL evaluation: the gold and the predicted tag of each token (same length).</summary>
public sealed record ConllSentence(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted);
