namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// What an epoch-trained backend measures on its dev set after an epoch: the F1 that picks model-best, and what else
/// it knows (strict precision and recall for NER; the threshold tuned on dev for relations).
/// </summary>
public sealed record DevScore(double F1, double? Precision = null, double? Recall = null, float? Threshold = null);
