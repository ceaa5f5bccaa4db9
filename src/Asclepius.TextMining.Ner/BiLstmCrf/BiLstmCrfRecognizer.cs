using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// <see cref="IEntityRecognizer"/> over a <see cref="BiLstmCrfModel"/>: the document's sentences go
/// through the network in length-sorted batches, then constrained Viterbi decoding gives valid BILOU
/// tags, decoded to character spans by <see cref="Core.Tagging.TagCodec"/>. Safe to call from many threads
/// (forward passes only read the weights; gradient mode and dispose scopes are per thread).
/// </summary>
public sealed class BiLstmCrfRecognizer : IBatchEntityRecognizer
{
    public BiLstmCrfRecognizer(BiLstmCrfModel model) => Model = model;

    public BiLstmCrfModel Model { get; }
    public string Kind => BiLstmCrfModel.Kind;
    public IReadOnlyList<string> Produces => Model.Labels;

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens) =>
        Model.RecognizeMany(new[] { (document, tokens) })[0];

    /// <summary>The sentences of all the documents share length-sorted batches; same entities as one by one.</summary>
    public IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents) =>
        Model.RecognizeMany(documents);

    /// <summary>Loads the recognizer of a package component (for the pipeline's component catalog).</summary>
    public static BiLstmCrfRecognizer Load(ModelPackage package, PackageComponent component, string device = "cpu")
    {
        var model = BiLstmCrfModel.FromFiles(package.ReadComponentFiles(component), device, $"{package.Path}!components/{component.Name}");
        package.CheckLabels(component, model.Labels);
        return new BiLstmCrfRecognizer(model);
    }
}
