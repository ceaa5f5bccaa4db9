namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>One finished epoch: mean training loss per sentence batch and the dev scores after it.</summary>
public sealed record BiLstmCrfEpoch(int Epoch, double Loss, double? DevPrecision, double? DevRecall, double? DevF1, TimeSpan Elapsed);
