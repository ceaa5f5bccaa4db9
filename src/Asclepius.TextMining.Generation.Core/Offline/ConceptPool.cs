using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// A lexicon prepared for filling slots: per concept, the surfaces usable where a noun goes (name first),
/// the abbreviations among them and the adjectival forms set aside; and the concepts of each class.
/// Immutable; shared by concurrent renders.
/// </summary>
public sealed class ConceptPool
{
    private readonly Dictionary<string, int[]> _byClass;
    private readonly int[] _all;

    /// <param name="causes">Surfaces of the other entity lexicons (case-insensitive): a surface of this one that
    /// names one of them as its cause is set aside (see <see cref="SurfaceForms.NamesACause"/>).</param>
    public ConceptPool(Lexicon lexicon, IReadOnlySet<string>? causes = null)
    {
        Lexicon = lexicon;
        var concepts = new List<PoolConcept>(lexicon.Entries.Count);
        foreach (var e in lexicon.Entries)
        {
            var nouns = new List<string>();
            var adjectives = new List<string>();
            foreach (var v in e.Variants.Prepend(e.Name))
            {
                if (nouns.Contains(v, StringComparer.Ordinal) || adjectives.Contains(v, StringComparer.Ordinal)) continue;
                if (causes is not null && SurfaceForms.NamesACause(v, causes)) continue;
                (v != e.Name && SurfaceForms.IsAdjectival(v, e.Name) ? adjectives : nouns).Add(v);
            }
            concepts.Add(new PoolConcept(e.Name, e.Class, nouns, nouns.Where(SurfaceForms.IsAbbreviation).ToArray(), adjectives));
        }
        Concepts = concepts;
        // A concept all of whose surfaces name a cause has nothing to write; it is never drawn.
        var usable = Enumerable.Range(0, concepts.Count).Where(i => concepts[i].Nouns.Count > 0).ToArray();
        _all = usable;
        _byClass = usable.Select(i => (concepts[i].Class, i)).GroupBy(x => x.Class, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
    }

    public Lexicon Lexicon { get; }
    public string Name => Lexicon.Name;
    public IReadOnlyList<PoolConcept> Concepts { get; }

    /// <summary>Indexes of the concepts of the given classes (all concepts when null).</summary>
    public IReadOnlyList<int> Candidates(IReadOnlyList<string>? classes)
    {
        if (classes is null) return _all;
        if (classes.Count == 1) return _byClass.GetValueOrDefault(classes[0]) ?? [];
        return classes.SelectMany(c => _byClass.GetValueOrDefault(c) ?? []).Distinct().Order().ToArray();
    }

    public bool InClasses(int concept, IReadOnlyList<string>? classes) => classes is null || classes.Contains(Concepts[concept].Class);
}
