namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// A generated text with its claimed entities and relations, before validation. Style, TemplateId
/// and PromptId are provenance copied into the document's metadata (style, template, prompt_id);
/// Metadata adds other facts the generator knows (the offline generator's assertion "context").
/// </summary>
public sealed record CandidateSample(
    string Text,
    IReadOnlyList<CandidateEntity> Entities,
    IReadOnlyList<CandidateRelation> Relations,
    string? Style = null,
    string? TemplateId = null,
    string? PromptId = null,
    IReadOnlyDictionary<string, string>? Metadata = null);
