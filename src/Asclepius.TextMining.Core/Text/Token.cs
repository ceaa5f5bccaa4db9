using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Text;

/// <summary>A token: its index in the document, its span and its text (the slice at the span, never normalized).</summary>
public readonly record struct Token(int Index, TextSpan Span, string Text)
{
    public int Start => Span.Start;
    public int End => Span.End;
}
