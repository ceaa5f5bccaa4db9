namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>A claimed relation between two candidate entities, by their index in the sample's entity list.</summary>
public sealed record CandidateRelation(string Label, int Head, int Tail);
