using System.Text.Json;

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

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(_concepts, StringComparer.Ordinal));

    public static ConceptDictionary FromJson(byte[] json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new());
}
