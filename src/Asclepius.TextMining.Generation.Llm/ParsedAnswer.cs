using Asclepius.TextMining.Generation.Contracts;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>The candidates read from one answer and what was rejected while reading it, by reason.</summary>
public sealed record ParsedAnswer(IReadOnlyList<CandidateSample> Samples, IReadOnlyDictionary<string, int> Rejected);
