using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// The names a prompt may seed, per entity label: the lexicon each schema label names (a path
/// relative to the data folder). Labels without a lexicon get no seeds; the model picks their mentions.
/// </summary>
public sealed class SeedBank
{
    private readonly Dictionary<string, Lexicon> _byLabel;

    public SeedBank(IReadOnlyDictionary<string, Lexicon> byLabel)
    {
        _byLabel = new Dictionary<string, Lexicon>(byLabel, StringComparer.Ordinal);
    }

    public static SeedBank Load(LabelSchema schema, string dataFolder)
    {
        var cache = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        var byLabel = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        foreach (var e in schema.Entities)
        {
            if (e.Lexicon is null) continue;
            var path = Path.GetFullPath(Path.Combine(dataFolder, e.Lexicon));
            if (!cache.TryGetValue(path, out var lexicon)) cache[path] = lexicon = Lexicon.Load(path);
            byLabel[e.Label] = lexicon;
        }
        return new SeedBank(byLabel);
    }

    public bool Has(string label) => _byLabel.ContainsKey(label);

    /// <summary>A name for the label: the preferred name, or with probability <paramref name="variantShare"/> one of its variants.</summary>
    public string? Sample(string label, Random rng, double variantShare)
    {
        if (!_byLabel.TryGetValue(label, out var lexicon)) return null;
        var entry = lexicon.Entries[rng.Next(lexicon.Entries.Count)];
        if (entry.Variants.Count > 0 && rng.NextDouble() < variantShare) return entry.Variants[rng.Next(entry.Variants.Count)];
        return entry.Name;
    }

    /// <summary>Up to <paramref name="count"/> distinct names for the label.</summary>
    public IReadOnlyList<string> SampleDistinct(string label, int count, Random rng, double variantShare)
    {
        var names = new List<string>();
        if (!_byLabel.TryGetValue(label, out var lexicon)) return names;
        for (var tries = 0; names.Count < count && tries < count * 10; tries++)
        {
            var name = Sample(label, rng, variantShare)!;
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        return names;
    }
}
