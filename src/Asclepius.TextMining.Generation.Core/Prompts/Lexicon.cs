using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Lexicons;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// A lexicon file of data/lexicons, read by <see cref="LexiconTsv"/>: UTF-8 TSV with the header
/// "name\tvariants\tclass", variants separated by '|', possibly empty. Loaded strictly: a wrong header
/// (ATM110), column count or empty name (ATM203) is an error naming file and line; no entries is ATM105.
/// </summary>
public sealed class Lexicon
{
    public Lexicon(string name, IReadOnlyList<LexiconEntry> entries)
    {
        Name = name;
        Entries = entries;
    }

    public string Name { get; }
    public IReadOnlyList<LexiconEntry> Entries { get; }

    public static Lexicon Load(string path)
    {
        if (!File.Exists(path)) throw new TextMiningException(ErrorCodes.UnreadableInput, "lexicon file not found", path);
        var table = LexiconTsv.Read(path);
        if (table.Layout != LexiconLayout.NameVariantsClass)
            throw new TextMiningException(ErrorCodes.MissingColumn, "the header must be 'name<TAB>variants<TAB>class'", $"{path}:{(table.Rows.Count > 0 ? table.Rows[0].Line : 1)}");
        if (table.Rows.Count == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "the lexicon has no entries", path);
        return new Lexicon(Path.GetFileNameWithoutExtension(path), table.Rows.Select(r => new LexiconEntry(r.Name, r.Variants, r.Class)).ToArray());
    }
}
