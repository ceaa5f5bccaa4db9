namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// A claimed mention. LLM answers give the text (and perhaps offsets, which are not trusted); the
/// offline generator gives exact offsets. The validator grounds every mention in the text itself.
/// </summary>
public sealed record CandidateEntity(string Text, string Label, int? Start = null, int? End = null);
