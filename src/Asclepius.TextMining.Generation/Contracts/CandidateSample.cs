namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>A generated text with its claimed entities and relations, before validation.</summary>
public sealed record CandidateSample(
    string Text,
    IReadOnlyList<CandidateEntity> Entities,
    IReadOnlyList<CandidateRelation> Relations,
    string? Style = null,
    string? TemplateId = null);
