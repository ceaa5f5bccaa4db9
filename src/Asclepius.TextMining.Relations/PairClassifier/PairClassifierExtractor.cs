using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// `Rel.PairClassifier.v1`: scores every schema-allowed pair in the window and emits the best relation
/// label when its probability passes the threshold. With document-level relations, every mention pair of
/// a (head concept, tail concept) is scored, the probabilities of each label are combined by the model's
/// <see cref="PairClassifierOptions.Aggregation"/> rule (<see cref="DocumentAggregation"/>), and the best
/// label is emitted when the combined probability passes the threshold; the relation names the concepts
/// and the best-scoring mention pair. Thread-safe.
/// </summary>
public sealed class PairClassifierExtractor : IRelationExtractor
{
    public const string ComponentKind = "Rel.PairClassifier.v1";

    private readonly PairClassifierModel _model;
    private readonly LabelSchema _schema;
    private readonly CandidateFinder _finder;
    private readonly PairFeaturizer _featurizer;

    public PairClassifierExtractor(PairClassifierModel model, LabelSchema schema)
    {
        _model = model;
        _schema = schema;
        _finder = new CandidateFinder(schema, model.Options.SentenceWindow);
        _featurizer = new PairFeaturizer(model.Hasher);
    }

    public string Kind => ComponentKind;
    public IReadOnlyList<string> Produces => _model.Labels.Skip(1).ToArray();
    public PairClassifierModel Model => _model;

    public static PairClassifierExtractor Load(ModelPackage package, PackageComponent component)
    {
        var model = PairClassifierModel.FromFiles(package.ReadComponentFiles(component), $"{package.Path}!{component.Name}");
        package.CheckLabels(component, model.Labels.Skip(1), relations: true);
        return new PairClassifierExtractor(model, package.Schema);
    }

    public IReadOnlyList<Relation> Extract(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        var relations = new List<Relation>();
        if (!_model.DocumentLevel)
        {
            foreach (var (c, label, p) in Score(tokens, entities))
                relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted));
            return relations;
        }

        var byConcepts = new Dictionary<(string Head, string Tail), List<(RelationCandidate C, float[] P)>>();
        foreach (var (c, probs) in ScoreCandidates(tokens, entities))
        {
            var key = (ConceptOf(document, c.Head), ConceptOf(document, c.Tail));
            if (!byConcepts.TryGetValue(key, out var list)) byConcepts[key] = list = new();
            list.Add((c, probs));
        }

        var found = new List<(string Head, string Tail, string Label, RelationCandidate C, float P)>();
        var o = _model.Options;
        foreach (var ((h, t), pairs) in byConcepts)
        {
            var bestK = -1;
            var bestP = 0f;
            for (var k = 1; k < _model.Labels.Count; k++)
            {
                var allowed = pairs.Where(x => _schema.FindRelation(_model.Labels[k])?.Allows(x.C.Head.Label, x.C.Tail.Label) ?? false).Select(x => x.P[k]).ToArray();
                if (allowed.Length == 0) continue;
                var p = DocumentAggregation.Combine(allowed, o.Aggregation, o.TopK);
                if (bestK < 0 || p > bestP) (bestK, bestP) = (k, p);
            }
            if (bestK <= 0 || bestP < o.Threshold) continue;
            var representative = pairs.MaxBy(x => x.P[bestK]).C;
            found.Add((h, t, _model.Labels[bestK], representative, bestP));
        }
        foreach (var (h, t, label, c, p) in found.OrderBy(x => x.C.HeadFirst).ThenBy(x => x.C.TailFirst))
            relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted, h, t));
        return relations;
    }

    /// <summary>
    /// Every candidate pair within the scoring window with its class probabilities (index as
    /// <see cref="PairClassifierModel.Labels"/>). Used by document-level aggregation and by the benchmark's
    /// dev sweep of aggregation rules.
    /// </summary>
    public IReadOnlyList<(RelationCandidate Candidate, float[] Probabilities)> ScoreCandidates(TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        var candidates = _finder.Find(tokens, entities);
        var mentions = MentionIndex.Of(candidates);
        var scoring = _model.Options.ScoringWindow;
        var result = new List<(RelationCandidate, float[])>(candidates.Count);
        foreach (var c in candidates)
        {
            if (scoring is >= 0 && c.SentenceDistance > scoring) continue;
            result.Add((c, _model.Probabilities(_featurizer.Featurize(tokens, c, mentions))));
        }
        return result;
    }

    /// <summary>Every candidate with its best allowed label and probability, where that passes the threshold.</summary>
    internal List<(RelationCandidate Candidate, string Label, float Probability)> Score(TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        var result = new List<(RelationCandidate, string, float)>();
        foreach (var (c, probs) in ScoreCandidates(tokens, entities))
        {
            var bestK = -1;
            for (var k = 1; k < probs.Length; k++)
            {
                if (!_schema.FindRelation(_model.Labels[k])?.Allows(c.Head.Label, c.Tail.Label) ?? true) continue;
                if (bestK < 0 || probs[k] > probs[bestK]) bestK = k;
            }
            if (bestK > 0 && probs[bestK] >= _model.Options.Threshold && probs[bestK] >= probs[0])
                result.Add((c, _model.Labels[bestK], probs[bestK]));
        }
        return result;
    }

    /// <summary>The concept an entity stands for: its gold identifier, else the dictionary learned in training.</summary>
    public string ConceptOf(Document document, Entity e) =>
        _model.Concepts.ConceptOf(e.Label, document.Slice(e.Span), e.ConceptIds);
}
