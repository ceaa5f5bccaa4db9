using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Tagging;

/// <summary>An entity the codec could not turn into tags, and why.</summary>
public sealed record AlignmentProblem(Entity Entity, AlignmentProblemKind Kind, string Reason);
