using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Tagging;

/// <summary>A chunk decoded from tags: its character span, label and token range [FirstToken, LastToken].</summary>
public sealed record TaggedSpan(TextSpan Span, string Label, int FirstToken, int LastToken);
