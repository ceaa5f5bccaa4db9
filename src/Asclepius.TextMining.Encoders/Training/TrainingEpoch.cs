namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// One finished epoch of an epoch-trained backend: mean training loss per batch and the dev scores after it (null
/// without a dev set; precision and recall where the backend measures them, the tuned threshold where it tunes one).
/// </summary>
public sealed record TrainingEpoch(int Epoch, double Loss, double? DevPrecision, double? DevRecall, double? DevF1, float? Threshold, TimeSpan Elapsed);
