using System.Globalization;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// How often real text names each lexicon concept (data/concept-counts.tsv, written by bench/concept-counts.py from
/// the dev notes and BC5CDR's training annotations; header "lexicon\tname\tcount", one row per concept with a count,
/// a concept without a row counts 0). The offline generator weighs its concept draw by these counts when
/// <see cref="OfflineGeneratorOptions.ConceptWeighting"/> is set. Loaded strictly: an unknown lexicon, a name that is
/// not a concept's preferred name in that lexicon, a count that is not a whole number ≥ 0 or a repeated row is an
/// error naming file and line.
/// </summary>
public sealed class ConceptCounts
{
    public const string FileName = "concept-counts.tsv";

    private readonly Dictionary<(string Lexicon, string Name), long> _counts;

    public ConceptCounts(IReadOnlyDictionary<(string Lexicon, string Name), long> counts) =>
        _counts = new Dictionary<(string, string), long>(counts);

    /// <summary>The count of a concept (its lexicon's name and its preferred name); 0 when it has no row.</summary>
    public long Count(string lexicon, string name) => _counts.GetValueOrDefault((lexicon, name));

    public int Rows => _counts.Count;

    /// <param name="lexicons">The lexicons the rows may name, by <see cref="Lexicon.Name"/> (the file name without .tsv).</param>
    public static ConceptCounts Load(string path, IEnumerable<Lexicon> lexicons)
    {
        var names = lexicons.DistinctBy(l => l.Name).ToDictionary(l => l.Name, l => l.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var counts = new Dictionary<(string, string), long>();
        foreach (var (cols, where) in DataTsv.Rows(path, "concept count file", "lexicon", "name", "count"))
        {
            var (lexicon, name) = (cols[0], cols[1]);
            if (!names.TryGetValue(lexicon, out var concepts))
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"'{lexicon}' is not a lexicon of the data folder (known: {string.Join(", ", names.Keys.Order(StringComparer.Ordinal))})", where);
            if (!concepts.Contains(name))
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"'{name}' is not the name of a concept of lexicon '{lexicon}'", where);
            if (!long.TryParse(cols[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"count '{cols[2]}' is not a whole number >= 0", where);
            if (!counts.TryAdd((lexicon, name), count))
                throw new TextMiningException(ErrorCodes.MalformedRecord, $"a second row for '{name}' of lexicon '{lexicon}'", where);
        }
        return new ConceptCounts(counts);
    }
}
