using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// What a template may name: the schema (entity and relation labels, allowed pairs), the lexicon of each
/// entity label, the lexicons fillers may use (by file name without extension: "diseases") and, when
/// known, the style ids of data/styles/styles.json.
/// </summary>
public sealed record TemplateVocabulary(
    LabelSchema Schema,
    IReadOnlyDictionary<string, Lexicon> EntityLexicons,
    IReadOnlyDictionary<string, Lexicon> FillerLexicons,
    IReadOnlySet<string>? StyleIds = null)
{
    /// <summary>The assertion contexts a template may declare.</summary>
    public static readonly IReadOnlyList<string> Contexts = ["affirmed", "negated", "uncertain", "historical", "hypothetical", "family"];

    public Lexicon LexiconOf(TemplateSlot slot) => slot.IsEntity ? EntityLexicons[slot.Name] : FillerLexicons[slot.Name];
}
