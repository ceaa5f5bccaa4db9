namespace Asclepius.TextMining.Core.Lexicons;

/// <summary>The two layouts of the project's lexicon TSV files (see <see cref="LexiconTsv"/>).</summary>
public enum LexiconLayout
{
    /// <summary>Header <c>name	variants	class</c>; variants separated by '|' (data/lexicons, the generator's seeds).</summary>
    NameVariantsClass,

    /// <summary>No header; <c>phrase	label</c> lines (the dictionary baseline's lexicon).</summary>
    PhraseLabel,
}
