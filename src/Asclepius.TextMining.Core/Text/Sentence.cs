using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Text;

/// <summary>A sentence: its span and its tokens (a slice of the document's tokens, with document-level indexes).</summary>
public sealed record Sentence(int Index, TextSpan Span, IReadOnlyList<Token> Tokens)
{
    public int FirstToken => Tokens.Count == 0 ? 0 : Tokens[0].Index;
}
