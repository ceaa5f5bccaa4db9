namespace Asclepius.TextMining.Core.Text;

/// <summary>The tokens and sentences of one text; every token belongs to exactly one sentence.</summary>
public sealed record TokenizedText(string Text, IReadOnlyList<Token> Tokens, IReadOnlyList<Sentence> Sentences);
