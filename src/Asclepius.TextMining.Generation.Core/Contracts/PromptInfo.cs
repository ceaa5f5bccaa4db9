namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>A prompt or template file a run used: its id ("generate-entities.v1") and the sha256 of its bytes.</summary>
public sealed record PromptInfo(string Id, string Sha256);
