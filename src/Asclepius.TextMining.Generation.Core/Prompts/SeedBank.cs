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
/// When the schema has a label seeded from lexicons/dosages.tsv and one from lexicons/chemicals.tsv and
/// the data folder has dose-ranges.tsv, a triple pairing the two draws the drug first and then
/// only a dose its class's range allows (see <see cref="DoseRanges"/>).
/// </summary>
public sealed class SeedBank
{
    private const string DoseLexicon = "dosages.tsv";
    private const string DrugLexicon = "chemicals.tsv";
    private const int DrugDraws = 100;

    private readonly Dictionary<string, Lexicon> _byLabel;
    private readonly (string Dose, string Drug)? _dosePair;
    private readonly Dictionary<string, List<LexiconEntry>> _dosesByDrugClass = new(StringComparer.Ordinal);

    public SeedBank(IReadOnlyDictionary<string, Lexicon> byLabel, DoseRanges? ranges = null, string? doseLabel = null, string? drugLabel = null)
    {
        _byLabel = new Dictionary<string, Lexicon>(byLabel, StringComparer.Ordinal);
        if (ranges is null || doseLabel is null || drugLabel is null) return;
        _dosePair = (doseLabel, drugLabel);
        foreach (var cls in _byLabel[drugLabel].Entries.Select(e => e.Class).Distinct(StringComparer.Ordinal))
            _dosesByDrugClass[cls] = _byLabel[doseLabel].Entries.Where(d => ranges.Allows(cls, d.Name)).ToList();
    }

    public static SeedBank Load(LabelSchema schema, string dataFolder)
    {
        var cache = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        var byLabel = new Dictionary<string, Lexicon>(StringComparer.Ordinal);
        string? doseLabel = null, drugLabel = null;
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
            if (Path.GetFileName(path) == DoseLexicon) doseLabel ??= e.Label;
            if (Path.GetFileName(path) == DrugLexicon) drugLabel ??= e.Label;
        }
        var rangesPath = Path.Combine(dataFolder, DoseRanges.FileName);
        if (doseLabel is null || drugLabel is null || !File.Exists(rangesPath)) return new SeedBank(byLabel);
        var drugClasses = cache[Path.GetFullPath(Path.Combine(dataFolder, "lexicons", DrugLexicon))].Entries.Select(x => x.Class).ToHashSet(StringComparer.Ordinal);
        var doseUnits = cache[Path.GetFullPath(Path.Combine(dataFolder, "lexicons", DoseLexicon))].Entries
            .Select(x => DoseRanges.Amount(x.Name)?.Unit).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var ranges = DoseRanges.Load(Path.GetFullPath(rangesPath), drugClasses, doseUnits);
        return new SeedBank(byLabel, ranges, doseLabel, drugLabel);
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
        return Name(lexicon.Entries[rng.Next(lexicon.Entries.Count)], rng, variantShare);
    }

    private static string Name(LexiconEntry entry, Random rng, double variantShare) =>
        entry.Variants.Count > 0 && rng.NextDouble() < variantShare ? entry.Variants[rng.Next(entry.Variants.Count)] : entry.Name;

    /// <summary>
    /// Names for a triple's head and tail. A dose paired with a drug (when dose ranges are loaded) is
    /// drawn after the drug, among the doses the drug's class allows; a drug whose class allows none
    /// (the schema's dose classes have no amount-free dose) is re-drawn. Any other pair draws head then tail.
    /// </summary>
    public (string? Head, string? Tail) SamplePair(string headLabel, string tailLabel, Random rng, double variantShare)
    {
        if (_dosePair is { } p && headLabel == p.Dose && tailLabel == p.Drug) { var (dose, drug) = DoseForDrug(rng, variantShare); return (dose, drug); }
        if (_dosePair is { } q && headLabel == q.Drug && tailLabel == q.Dose) { var (dose, drug) = DoseForDrug(rng, variantShare); return (drug, dose); }
        var head = Sample(headLabel, rng, variantShare);
        return (head, Sample(tailLabel, rng, variantShare));
    }

    private (string Dose, string Drug) DoseForDrug(Random rng, double variantShare)
    {
        var drugs = _byLabel[_dosePair!.Value.Drug].Entries;
        for (var i = 0; i < DrugDraws; i++)
        {
            var drug = drugs[rng.Next(drugs.Count)];
            var doses = _dosesByDrugClass[drug.Class];
            if (doses.Count == 0) continue;
            var dose = doses[rng.Next(doses.Count)];
            var drugName = Name(drug, rng, variantShare);
            return (Name(dose, rng, variantShare), drugName);
        }
        throw new TextMiningException(ErrorCodes.SchemaInvalid,
            $"label '{_dosePair.Value.Dose}': no dose fits the dose ranges of the drugs drawn for '{_dosePair.Value.Drug}'; add ranges to {DoseRanges.FileName} or an amount-free dose class (qualitative)");
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
