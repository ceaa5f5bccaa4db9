namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>One finished epoch: mean training loss per window batch and the dev scores after it.</summary>
public sealed record TransformerNerEpoch(int Epoch, double Loss, double? DevPrecision, double? DevRecall, double? DevF1, TimeSpan Elapsed);
