namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>
/// Collects concepts, synonyms and 'Maps to' links from any source (Athena files, an OMOP schema, a TSV)
/// and builds a <see cref="ConceptVocabulary"/>. The semantics are the same for every source:
/// a non-standard concept's names lead to the standard concept it maps to (following 'Maps to' up to
/// <see cref="MaxHops"/> steps); one that maps nowhere keeps its own id but ranks below standard concepts
/// with the same name. Only concepts whose (mapped) domain some label may use are kept.
/// </summary>
public sealed class VocabularyBuilder
{
    public const int MaxHops = 4;

    private readonly List<VocabularyConcept> _concepts = new();
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly List<(int Concept, string Name)> _synonyms = new();
    private readonly List<(string From, string To)> _pendingSynonyms = new();
    private readonly Dictionary<string, string> _mapsTo = new(StringComparer.Ordinal);

    public int ConceptCount => _concepts.Count;
    public int SynonymCount => _synonyms.Count + _pendingSynonyms.Count;
    public int MappingCount => _mapsTo.Count;

    /// <summary>Adds a concept; a second row with the same id is ignored (the first wins) and false is returned.</summary>
    public bool AddConcept(VocabularyConcept concept)
    {
        if (_byId.ContainsKey(concept.Id)) return false;
        _byId[concept.Id] = _concepts.Count;
        _concepts.Add(concept);
        return true;
    }

    /// <summary>A synonym of a concept, possibly added before the concept itself (tables come in any order).</summary>
    public void AddSynonym(string conceptId, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        _pendingSynonyms.Add((conceptId, name));
    }

    /// <summary>A 'Maps to' relationship; a concept's mapping to itself is ignored, the first other target wins.</summary>
    public void AddMapsTo(string fromId, string toId)
    {
        if (fromId != toId) _mapsTo.TryAdd(fromId, toId);
    }

    public ConceptVocabulary Build(IReadOnlySet<string>? domains = null)
    {
        foreach (var (id, name) in _pendingSynonyms)
            if (_byId.TryGetValue(id, out var c)) _synonyms.Add((c, name));
        _pendingSynonyms.Clear();

        var target = new int[_concepts.Count];
        for (var i = 0; i < _concepts.Count; i++) target[i] = Resolve(i);

        // Every name of every concept, with the concept it leads to; ranked so that the first entry of a
        // term is the preferred one: a standard target, the concept's own name, its preferred name, its order.
        var entries = new List<(string Term, int Target, int Source, int Rank)>();
        void Add(int source, string name, bool preferred)
        {
            var t = target[source];
            if (domains is not null && !domains.Contains(_concepts[t].Domain)) return;
            var term = TermNormalizer.Normalize(name);
            if (term.Length == 0) return;
            var rank = (_concepts[t].Standard ? 0 : 4) + (t == source ? 0 : 2) + (preferred ? 0 : 1);
            entries.Add((term, t, source, rank));
        }
        for (var i = 0; i < _concepts.Count; i++) Add(i, _concepts[i].Name, preferred: true);
        foreach (var (c, name) in _synonyms) Add(c, name, preferred: false);

        var ordered = entries
            .OrderBy(e => e.Term, StringComparer.Ordinal).ThenBy(e => e.Rank).ThenBy(e => e.Target).ThenBy(e => e.Source)
            .ToList();
        var terms = new List<string>();
        var offsets = new List<int> { 0 };
        var targets = new List<int>();
        var sources = new List<int>();
        var seen = new HashSet<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            if (i == 0 || ordered[i - 1].Term != e.Term)
            {
                if (i > 0) offsets.Add(targets.Count);
                terms.Add(e.Term);
                seen.Clear();
            }
            if (!seen.Add(e.Target)) continue; // one entry per (term, concept): the best-ranked one
            targets.Add(e.Target);
            sources.Add(e.Source);
        }
        if (terms.Count > 0) offsets.Add(targets.Count);

        // Keep only the concepts some entry names, renumbered in their original order.
        var used = new SortedSet<int>(targets.Concat(sources));
        var renumber = new Dictionary<int, int>();
        var concepts = new List<VocabularyConcept>(used.Count);
        foreach (var c in used) { renumber[c] = concepts.Count; concepts.Add(_concepts[c]); }
        return new ConceptVocabulary(
            concepts.ToArray(), terms.ToArray(), offsets.ToArray(),
            targets.Select(t => renumber[t]).ToArray(), sources.Select(s => renumber[s]).ToArray(),
            TrigramIndex.Build(terms));
    }

    private int Resolve(int concept)
    {
        var current = concept;
        for (var hop = 0; hop < MaxHops && !_concepts[current].Standard; hop++)
        {
            if (!_mapsTo.TryGetValue(_concepts[current].Id, out var next) || !_byId.TryGetValue(next, out var n) || n == current) break;
            current = n;
        }
        // A chain that ends on a non-standard concept (or loops) leaves the concept as it was.
        return _concepts[current].Standard ? current : concept;
    }
}
