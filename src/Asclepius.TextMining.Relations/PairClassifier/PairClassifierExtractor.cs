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
    private readonly RelationDecoder _decoder;
    private readonly CandidateFinder _finder;
    private readonly PairFeaturizer _featurizer;

    public PairClassifierExtractor(PairClassifierModel model, LabelSchema schema)
    {
        _model = model;
        _decoder = new RelationDecoder(model.Labels, schema);
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
        var o = _model.Options;
        return _decoder.Decode(document, ScoreCandidates(tokens, entities), new RelationDecision(_model.DocumentLevel, o.Threshold, o.Aggregation, o.TopK), ConceptOf);
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

    /// <summary>The concept an entity stands for: its gold identifier, else the dictionary learned in training.</summary>
    public string ConceptOf(Document document, Entity e) =>
        _model.Concepts.ConceptOf(e.Label, document.Slice(e.Span), e.ConceptIds);
}
