namespace Asclepius.TextMining.Core.Lexicons;

/// <summary>A lexicon file as read: its layout and rows, and where it came from (for error messages).</summary>
public sealed record LexiconTable(string Location, LexiconLayout Layout, IReadOnlyList<LexiconRow> Rows);
