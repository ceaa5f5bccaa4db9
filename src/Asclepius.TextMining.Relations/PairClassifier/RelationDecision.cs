namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>How a relation model's probabilities become relations (see <see cref="RelationDecoder"/>).</summary>
public sealed record RelationDecision(bool DocumentLevel, float Threshold, string Aggregation, int TopK);
