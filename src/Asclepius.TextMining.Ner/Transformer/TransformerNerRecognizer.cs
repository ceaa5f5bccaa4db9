using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// <see cref="IEntityRecognizer"/> over a <see cref="TransformerNerModel"/>. Safe to call from many threads (forward
/// passes only read the weights; gradient mode and dispose scopes are per thread).
/// </summary>
public sealed class TransformerNerRecognizer : IBatchEntityRecognizer
{
    public TransformerNerRecognizer(TransformerNerModel model) => Model = model;

    public TransformerNerModel Model { get; }
    public string Kind => TransformerNerModel.Kind;
    public IReadOnlyList<string> Produces => Model.Labels;

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens) =>
        Model.RecognizeMany([(document, tokens)])[0];

    public IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents) =>
        Model.RecognizeMany(documents);

    /// <summary>Loads the recognizer of a package component (for the pipeline's component catalog).</summary>
    public static TransformerNerRecognizer Load(ModelPackage package, PackageComponent component, string device = "cpu")
    {
        var model = TransformerNerModel.FromFiles(package.ReadComponentFiles(component), device, $"{package.Path}!components/{component.Name}");
        package.CheckLabels(component, model.Labels);
        return new TransformerNerRecognizer(model);
    }
}
