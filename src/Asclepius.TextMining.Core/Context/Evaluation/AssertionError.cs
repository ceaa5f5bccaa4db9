using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Context.Evaluation;

/// <summary>One wrong flag on one mention: the flag predicted without gold (FalsePositive) or missed (not FalsePositive).</summary>
public sealed record AssertionError(string DocumentId, string Text, TextSpan Span, string Label, Assertions Flag, bool FalsePositive, Assertions Gold, Assertions Predicted);
