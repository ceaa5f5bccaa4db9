namespace Asclepius.TextMining.Encoders.Tokenization;

/// <summary>One word piece: its vocabulary id and the characters [Start, End) of the original text it came from.</summary>
public readonly record struct WordPiece(int Id, string Text, int Start, int End);
