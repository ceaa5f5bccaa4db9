namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// Relation scores. <see cref="Strict"/>: mention level, a relation matches when the relation label, the
/// head span and label and the tail span and label are equal (direction matters). <see cref="DocumentLevel"/>:
/// the set of (head concept, tail concept, label) per document, as BC5CDR CID is scored.
/// </summary>
public sealed record RelationScores(ScoreTable Strict, ScoreTable DocumentLevel);
