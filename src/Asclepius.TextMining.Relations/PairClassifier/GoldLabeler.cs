using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// The gold label of a candidate pair. Mention-level relations match by entity ids. Concept-level
/// relations (PubTator CID) label every mention pair whose concepts are the relation's concepts: that is
/// how document-level gold becomes mention-level training data.
/// </summary>
internal sealed class GoldLabeler
{
    private readonly Dictionary<(string, string), string> _byIds = new();
    private readonly Dictionary<(string, string), string> _byConcepts = new();

    public int Count => _byIds.Count + _byConcepts.Count;

    public static GoldLabeler For(AnnotatedDocument doc)
    {
        var g = new GoldLabeler();
        foreach (var r in doc.Relations)
        {
            if (r.IsConceptLevel) g._byConcepts[(r.HeadConcept!, r.TailConcept!)] = r.Label;
            else g._byIds[(r.HeadId, r.TailId)] = r.Label;
        }
        return g;
    }

    /// <summary>The label (or null for none) and a key naming which gold relation was matched.</summary>
    public (string? Label, object? Key) LabelOf(RelationCandidate c)
    {
        if (_byIds.TryGetValue((c.Head.Id, c.Tail.Id), out var label)) return (label, (c.Head.Id, c.Tail.Id));
        foreach (var h in c.Head.ConceptIds)
            foreach (var t in c.Tail.ConceptIds)
                if (_byConcepts.TryGetValue((h, t), out label)) return (label, (h, t));
        return (null, null);
    }
}
