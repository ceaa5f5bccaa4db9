namespace Asclepius.TextMining.Core.Lexicons;

/// <summary>
/// One row of a lexicon TSV: a name (in the phrase/label layout, the phrase), its variants (none in that
/// layout), its class (the label), and the 1-based line it was read from.
/// </summary>
public sealed record LexiconRow(int Line, string Name, IReadOnlyList<string> Variants, string Class);
