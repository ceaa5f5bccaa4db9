using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// The result of matching one document's gold and predicted entities: matched pairs (true positives),
/// gold entities left unmatched (false negatives) and predicted entities left unmatched (false positives).
/// Other scorers (assertion flags, for instance) build on the matched pairs.
/// </summary>
public sealed record EntityAlignment(IReadOnlyList<EntityMatch> Matches, IReadOnlyList<Entity> Missed, IReadOnlyList<Entity> Spurious);
