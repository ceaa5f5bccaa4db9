using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Lexicons;

/// <summary>
/// The one reader of lexicon TSV files, for every component that uses them (the NER lexicon features, the
/// offline generator's seeds, relation synonyms, the dictionary baseline). UTF-8, tab-separated; blank lines and
/// lines starting with '#' are skipped. The layout follows from the first other line: the header
/// <c>name	variants	class</c> (any case) gives <see cref="LexiconLayout.NameVariantsClass"/>, with exactly three
/// columns per row and variants separated by '|'; anything else is <see cref="LexiconLayout.PhraseLabel"/>, with
/// exactly two columns. A row with another column count or an empty name, phrase or label is
/// <see cref="ErrorCodes.RulesInvalid"/> naming file and line. Which layout a caller accepts, and whether it may be
/// empty, is the caller's rule.
/// </summary>
public static class LexiconTsv
{
    public static readonly IReadOnlyList<string> Header = ["name", "variants", "class"];

    /// <summary>Reads a lexicon file; a missing or unreadable file is <see cref="ErrorCodes.UnreadableInput"/>.</summary>
    public static LexiconTable Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, "lexicon file not found", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TextMiningException(ErrorCodes.UnreadableInput, e.Message, path, e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses lexicon text (a package entry, say); <paramref name="location"/> names it in errors.</summary>
    public static LexiconTable Parse(string text, string location)
    {
        var rows = new List<LexiconRow>();
        LexiconLayout? layout = null;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (lineNo == 1) line = line.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (layout is null && cols.SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
            {
                layout = LexiconLayout.NameVariantsClass;
                continue;
            }
            layout ??= LexiconLayout.PhraseLabel;
            rows.Add(layout == LexiconLayout.NameVariantsClass ? NameVariantsClass(cols, location, lineNo) : PhraseLabel(cols, location, lineNo));
        }
        return new LexiconTable(location, layout ?? LexiconLayout.PhraseLabel, rows);
    }

    private static LexiconRow NameVariantsClass(string[] cols, string location, int line)
    {
        if (cols.Length != 3)
            throw new TextMiningException(ErrorCodes.RulesInvalid, $"expected 3 tab-separated columns (name, variants, class), found {cols.Length}", $"{location}:{line}");
        if (string.IsNullOrWhiteSpace(cols[0]))
            throw new TextMiningException(ErrorCodes.RulesInvalid, "the name column is empty", $"{location}:{line}");
        var variants = cols[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LexiconRow(line, cols[0].Trim(), variants, cols[2].Trim());
    }

    private static LexiconRow PhraseLabel(string[] cols, string location, int line)
    {
        if (cols.Length != 2 || string.IsNullOrWhiteSpace(cols[0]) || string.IsNullOrWhiteSpace(cols[1]))
            throw new TextMiningException(ErrorCodes.RulesInvalid,
                $"expected \"phrase<TAB>label\" (or the header '{string.Join("<TAB>", Header)}' as the first line)", $"{location}:{line}");
        return new LexiconRow(line, cols[0].Trim(), [], cols[1].Trim());
    }
}
