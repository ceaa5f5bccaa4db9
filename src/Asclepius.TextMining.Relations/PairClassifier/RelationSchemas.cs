using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>Builds the schema a relation model is trained against when no schema file is given.</summary>
public static class RelationSchemas
{
    /// <summary>
    /// The base schema's entity labels (plus any the corpus adds) and the relation types the corpus shows:
    /// each relation label with the (head label, tail label) pairs it is seen with. Relations of the base
    /// schema are kept.
    /// </summary>
    public static LabelSchema Infer(IEnumerable<AnnotatedDocument> corpus, LabelSchema? baseSchema, string name)
    {
        var docs = corpus as IReadOnlyList<AnnotatedDocument> ?? corpus.ToList();
        var entities = (baseSchema?.Entities ?? []).ToList();
        foreach (var label in docs.SelectMany(d => d.Entities.Select(e => e.Label)).Distinct().Order(StringComparer.Ordinal))
            if (entities.All(e => e.Label != label)) entities.Add(new EntityType(label));

        var pairs = new SortedDictionary<string, SortedSet<(string, string)>>(StringComparer.Ordinal);
        foreach (var r in baseSchema?.Relations ?? [])
            pairs[r.Label] = new SortedSet<(string, string)>(r.Pairs);
        foreach (var d in docs)
            foreach (var r in d.Relations)
            {
                var h = d.FindEntity(r.HeadId);
                var t = d.FindEntity(r.TailId);
                if (h is null || t is null) continue;
                if (!pairs.TryGetValue(r.Label, out var set)) pairs[r.Label] = set = new();
                set.Add((h.Label, t.Label));
            }
        var descriptions = (baseSchema?.Relations ?? []).ToDictionary(r => r.Label, r => r.Description);
        return new LabelSchema(baseSchema?.Name ?? name, entities,
            pairs.Select(p => new RelationType(p.Key, p.Value.ToArray(), descriptions.GetValueOrDefault(p.Key, ""))).ToArray(),
            baseSchema?.Version ?? 1, baseSchema?.Description ?? "");
    }
}
