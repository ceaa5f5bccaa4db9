using System.Collections.Concurrent;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// A lexicon prepared for filling slots: per concept, the surfaces usable where a noun goes (name first),
/// the abbreviations among them and the adjectival forms set aside; and the concepts of each class, drawn uniformly
/// or by weight (<see cref="ConceptWeighting"/>). Immutable apart from a thread-safe cache; shared by concurrent renders.
/// </summary>
public sealed class ConceptPool
{
    private readonly Dictionary<string, int[]> _byClass;
    private readonly int[] _all;
    private readonly double[]? _weights;
    private readonly ConcurrentDictionary<string, int[]> _byClasses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double[]> _cumulative = new(StringComparer.Ordinal);

    /// <param name="causes">Surfaces of the other entity lexicons (case-insensitive): a surface of this one that
    /// names one of them as its cause is set aside (see <see cref="SurfaceForms.NamesACause"/>).</param>
    /// <param name="counts">How often real text names each concept; with <paramref name="weighting"/>, draws follow them.</param>
    public ConceptPool(Lexicon lexicon, IReadOnlySet<string>? causes = null, ConceptCounts? counts = null, ConceptWeighting? weighting = null)
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
        if (counts is not null && weighting is not null) _weights = Weights(concepts, usable, counts, weighting);
    }

    public Lexicon Lexicon { get; }
    public string Name => Lexicon.Name;
    public IReadOnlyList<PoolConcept> Concepts { get; }

    /// <summary>Indexes of the concepts of the given classes (all concepts when null).</summary>
    public IReadOnlyList<int> Candidates(IReadOnlyList<string>? classes)
    {
        if (classes is null) return _all;
        if (classes.Count == 1) return _byClass.GetValueOrDefault(classes[0]) ?? [];
        return _byClasses.GetOrAdd(Key(classes), _ => classes.SelectMany(c => _byClass.GetValueOrDefault(c) ?? []).Distinct().Order().ToArray());
    }

    public bool InClasses(int concept, IReadOnlyList<string>? classes) => classes is null || classes.Contains(Concepts[concept].Class);

    /// <summary>The draw weight of a concept (1 for all when the pool is not weighted).</summary>
    public double Weight(int concept) => _weights?[concept] ?? 1;

    /// <summary>
    /// One concept of the given classes (all when null), drawn uniformly, or by weight when the pool has weights. The
    /// uniform draw takes exactly one <see cref="Random.Next(int)"/>, as it always did, so unweighted output is unchanged.
    /// </summary>
    public int Pick(IReadOnlyList<string>? classes, Random rng)
    {
        var candidates = Candidates(classes);
        if (candidates.Count == 0) throw new InvalidOperationException($"lexicon '{Name}' has no usable concept of class {string.Join(",", classes ?? [])}");
        if (_weights is null) return candidates[rng.Next(candidates.Count)];
        var cumulative = _cumulative.GetOrAdd(classes is null ? "" : Key(classes), _ => Cumulative(candidates));
        var x = rng.NextDouble() * cumulative[^1];
        var at = Array.BinarySearch(cumulative, x);
        at = at < 0 ? ~at : at + 1;
        return candidates[Math.Min(at, candidates.Count - 1)];
    }

    private static string Key(IReadOnlyList<string> classes) => string.Join('\u0001', classes);

    private double[] Cumulative(IReadOnlyList<int> candidates)
    {
        var sums = new double[candidates.Count];
        var total = 0.0;
        for (var i = 0; i < sums.Length; i++) sums[i] = total += _weights![candidates[i]];
        return sums;
    }

    private double[] Weights(IReadOnlyList<PoolConcept> concepts, int[] usable, ConceptCounts counts, ConceptWeighting weighting)
    {
        if (!(weighting.Prior > 0) || !double.IsFinite(weighting.Prior) || !(weighting.Strength >= 0) || !double.IsFinite(weighting.Strength))
            throw new ArgumentOutOfRangeException(nameof(weighting), "concept weighting needs a prior > 0 and a strength >= 0");
        var weights = new double[concepts.Count];
        foreach (var i in usable) weights[i] = Math.Pow(counts.Count(Lexicon.Name, concepts[i].Name) + weighting.Prior, weighting.Strength);
        foreach (var members in _byClass.Values)
        {
            // The class keeps the mass the uniform draw gives it (one per concept); only its inside is reweighed.
            var scale = members.Length / members.Sum(i => weights[i]);
            foreach (var i in members) weights[i] *= scale;
        }
        return weights;
    }
}
