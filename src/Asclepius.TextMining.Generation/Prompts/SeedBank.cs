using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// The names a prompt may seed, per entity label: the lexicon each schema label names (a path relative
/// to the data folder), restricted to the classes the schema declares for the label
/// ("lexicon_classes" / "lexicon_exclude_classes"): a drug label does not draw toxins or endogenous
/// molecules from a chemical lexicon shared with another schema. A label without a lexicon is an error
/// unless the schema says "seeds": "model" (then the model picks its mentions): a placeholder seed
/// ("a Frequency of your choice") is copied literally by some models.
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
            if (e.Lexicon is null)
            {
                if (e.ModelChoosesSeeds) continue;
                throw new TextMiningException(ErrorCodes.SchemaInvalid,
                    $"entity '{e.Label}' has no lexicon, so a prompt could only seed it with a placeholder that models copy; give it a \"lexicon\", or set \"seeds\": \"model\" to let the model choose its mentions on purpose",
                    schema.Name);
            }
            var path = Path.GetFullPath(Path.Combine(dataFolder, e.Lexicon));
            if (!cache.TryGetValue(path, out var lexicon)) cache[path] = lexicon = Lexicon.Load(path);
            byLabel[e.Label] = Restrict(lexicon, e, path);
        }
        return new SeedBank(byLabel);
    }

    /// <summary>The lexicon's entries of the classes the schema allows the label; an unknown class is an error listing the known ones.</summary>
    private static Lexicon Restrict(Lexicon lexicon, EntityType e, string path)
    {
        if (e.LexiconClasses is null && e.ExcludedLexiconClasses is null) return lexicon;
        var known = lexicon.Entries.Select(x => x.Class).ToHashSet(StringComparer.Ordinal);
        foreach (var c in (e.LexiconClasses ?? []).Concat(e.ExcludedLexiconClasses ?? []))
            if (!known.Contains(c))
                throw new TextMiningException(ErrorCodes.SchemaInvalid, $"entity '{e.Label}': no class '{c}' in its lexicon; classes there: {string.Join(", ", known.Order(StringComparer.Ordinal))}", path);
        var entries = lexicon.Entries.Where(x => e.LexiconClasses?.Contains(x.Class) ?? !e.ExcludedLexiconClasses!.Contains(x.Class)).ToList();
        if (entries.Count == 0) throw new TextMiningException(ErrorCodes.SchemaInvalid, $"entity '{e.Label}': its lexicon classes leave no entry", path);
        return new Lexicon(lexicon.Name, entries);
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
