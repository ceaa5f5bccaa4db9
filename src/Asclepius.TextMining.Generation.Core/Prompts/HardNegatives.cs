using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>
/// The words a prompt lists as hard negatives ({{negatives}}): surfaces of data/lexicons/terms.tsv in the
/// classes that fill real notes besides their entities (anatomy, procedures, instruments, templated
/// modifiers, tests, measurements, lab names, care settings, unmarked findings). A model trained only on
/// sentences dense in entities learns "clinical word = entity"; these words, written unlabeled, teach the
/// opposite, as the offline generator's note companions do. A surface that is also a surface of one of
/// the schema's entity lexicons is left out, so a listed word is never an entity of the schema.
/// A data folder without terms.tsv gives an empty list (the prompt then says "(none)").
/// </summary>
public sealed class HardNegatives
{
    public const string LexiconFile = "terms.tsv";

    /// <summary>The terms.tsv classes that are note vocabulary (study, statistics and molecular terms are abstract words; drug-function classes are entities in some schemas).</summary>
    public static readonly IReadOnlyList<string> NoteClasses = ["anatomy", "procedure", "instrument", "modifier", "test", "measurement", "lab", "setting", "finding"];

    private readonly IReadOnlyList<LexiconEntry> _entries;

    public HardNegatives(IReadOnlyList<LexiconEntry> entries) => _entries = entries;

    public static HardNegatives Empty { get; } = new([]);

    public int Count => _entries.Count;

    public static HardNegatives Load(LabelSchema schema, string dataFolder)
    {
        var path = Path.Combine(dataFolder, "lexicons", LexiconFile);
        if (!File.Exists(path)) return Empty;
        var entitySurfaces = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var lexiconPath in schema.Entities.Select(e => e.Lexicon).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var full = Path.GetFullPath(Path.Combine(dataFolder, lexiconPath));
            if (full == Path.GetFullPath(path) || !File.Exists(full)) continue; // a missing entity lexicon is SeedBank's error to report
            foreach (var entry in Lexicon.Load(full).Entries) entitySurfaces.UnionWith(entry.Variants.Prepend(entry.Name));
        }
        var entries = Lexicon.Load(path).Entries
            .Where(e => NoteClasses.Contains(e.Class))
            .Select(e => new LexiconEntry(e.Name, e.Variants.Where(v => !entitySurfaces.Contains(v)).ToArray(), e.Class))
            .Where(e => !entitySurfaces.Contains(e.Name))
            .ToArray();
        return new HardNegatives(entries);
    }

    /// <summary>Up to <paramref name="count"/> surfaces of distinct terms, each the preferred name or (with probability <paramref name="variantShare"/>) a variant.</summary>
    public IReadOnlyList<string> Sample(int count, Random rng, double variantShare)
    {
        var picked = new List<string>(count);
        var used = new HashSet<int>();
        for (var tries = 0; picked.Count < count && used.Count < _entries.Count && tries < count * 10; tries++)
        {
            var i = rng.Next(_entries.Count);
            if (!used.Add(i)) continue;
            var e = _entries[i];
            picked.Add(e.Variants.Count > 0 && rng.NextDouble() < variantShare ? e.Variants[rng.Next(e.Variants.Count)] : e.Name);
        }
        return picked;
    }
}
