using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;

namespace Asclepius.TextMining.Core.Statistics;

/// <summary>An entity the tagging codec could not encode, by ids and offsets only (no text: it may be a patient's).</summary>
public sealed record AlignmentExample(string DocumentId, string EntityId, TextSpan Span, string Label, AlignmentProblemKind Kind);
