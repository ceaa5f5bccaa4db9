using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// `Rel.PairClassifier.v1`: scores every schema-allowed pair in the window and emits the best relation
/// label when its probability passes the threshold. With document-level relations, mention pairs are
/// aggregated to one relation per (head concept, tail concept, label) by their maximum probability; the
/// relation then names the concepts and the best-scoring mention pair. Thread-safe.
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
        var scored = Score(tokens, entities);
        var relations = new List<Relation>();
        if (!_model.DocumentLevel)
        {
            foreach (var (c, label, p) in scored)
                relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted));
            return relations;
        }

        var best = new Dictionary<(string, string, string), (RelationCandidate C, float P)>();
        foreach (var (c, label, p) in scored)
        {
            var key = (ConceptOf(document, c.Head), ConceptOf(document, c.Tail), label);
            if (!best.TryGetValue(key, out var b) || p > b.P) best[key] = (c, p);
        }
        foreach (var ((h, t, label), (c, p)) in best.OrderBy(x => x.Value.C.HeadFirst).ThenBy(x => x.Value.C.TailFirst))
            relations.Add(new Relation($"R{relations.Count + 1}", label, c.Head.Id, c.Tail.Id, p, AnnotationSource.Predicted, h, t));
        return relations;
    }

    /// <summary>Every candidate with its best allowed label and probability, where that passes the threshold.</summary>
    internal List<(RelationCandidate Candidate, string Label, float Probability)> Score(TokenizedText tokens, IReadOnlyList<Entity> entities)
    {
        var candidates = _finder.Find(tokens, entities);
        var mentions = candidates.SelectMany(c => new[] { (c.HeadFirst, c.HeadLast), (c.TailFirst, c.TailLast) }).Distinct().ToArray();
        var result = new List<(RelationCandidate, string, float)>();
        foreach (var c in candidates)
        {
            var probs = _model.Probabilities(_featurizer.Featurize(tokens, c, mentions));
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

    private string ConceptOf(Document document, Entity e) =>
        _model.Concepts.ConceptOf(e.Label, document.Slice(e.Span), e.ConceptIds);
}
