namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>One finished epoch: mean training loss per batch, and the dev F1 (at its best threshold) and that threshold.</summary>
public sealed record TransformerRelationEpoch(int Epoch, double Loss, double? DevF1, float? Threshold, TimeSpan Elapsed);
