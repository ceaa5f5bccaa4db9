namespace Asclepius.TextMining.Ner.Training;

/// <summary>One finished epoch of an epoch-trained backend: mean training loss per batch and the dev scores after it.</summary>
public sealed record NerEpoch(int Epoch, double Loss, double? DevPrecision, double? DevRecall, double? DevF1, TimeSpan Elapsed);
