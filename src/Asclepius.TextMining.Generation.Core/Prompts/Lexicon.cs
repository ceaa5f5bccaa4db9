using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// A lexicon file of data/lexicons: UTF-8 TSV with the header "name\tvariants\tclass", variants
/// separated by '|', possibly empty. Loaded strictly: a wrong header, column count or empty name is
/// an error naming file and line.
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
        var entries = new List<LexiconEntry>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1)
            {
                if (line.TrimStart('\uFEFF') != "name\tvariants\tclass")
                    throw new TextMiningException(ErrorCodes.MissingColumn, "the header must be 'name<TAB>variants<TAB>class'", $"{path}:1");
                continue;
            }
            if (line.Length == 0) continue;
            var cols = line.Split('\t');
            if (cols.Length != 3) throw new TextMiningException(ErrorCodes.MissingColumn, $"expected 3 tab-separated columns, found {cols.Length}", $"{path}:{lineNo}");
            if (string.IsNullOrWhiteSpace(cols[0])) throw new TextMiningException(ErrorCodes.MalformedRecord, "empty name", $"{path}:{lineNo}");
            var variants = cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            entries.Add(new LexiconEntry(cols[0].Trim(), variants, cols[2].Trim()));
        }
        if (entries.Count == 0) throw new TextMiningException(ErrorCodes.EmptyInput, "the lexicon has no entries", path);
        return new Lexicon(Path.GetFileNameWithoutExtension(path), entries);
    }
}
