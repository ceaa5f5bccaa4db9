using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// <see cref="IRelationExtractor"/> over a <see cref="TransformerRelationModel"/>: the pair classifier's candidates
/// (<see cref="CandidateFinder"/>) and decisions (<see cref="RelationDecoder"/>: threshold, document-level aggregation
/// per concept pair), the transformer's probabilities. Safe to call from many threads.
/// </summary>
public sealed class TransformerRelationExtractor : IRelationExtractor
{
    private readonly CandidateFinder _finder;
    private readonly RelationDecoder _decoder;

    public TransformerRelationExtractor(TransformerRelationModel model, LabelSchema schema)
    {
        Model = model;
        _finder = new CandidateFinder(schema, model.Options.SentenceWindow);
        _decoder = new RelationDecoder(model.Labels, schema);
    }

    public TransformerRelationModel Model { get; }
    public string Kind => TransformerRelationModel.Kind;
    public IReadOnlyList<string> Produces => Model.Labels.Skip(1).ToArray();

    public IReadOnlyList<Relation> Extract(Document document, TokenizedText tokens, IReadOnlyList<Entity> entities) =>
        _decoder.Decode(document, Model.ScoreCandidates(tokens, entities, _finder), Model.Decision, Model.ConceptOf);

    /// <summary>Loads the extractor of a package component (for the pipeline's component catalog).</summary>
    public static TransformerRelationExtractor Load(ModelPackage package, PackageComponent component, string device = "cpu")
    {
        var model = TransformerRelationModel.FromFiles(package.ReadComponentFiles(component), device, $"{package.Path}!components/{component.Name}");
        package.CheckLabels(component, model.Labels.Skip(1), relations: true);
        return new TransformerRelationExtractor(model, package.Schema);
    }
}
