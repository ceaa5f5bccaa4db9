using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// <see cref="IEntityRecognizer"/> over a <see cref="CrfTaggerModel"/> (BiLSTM-CRF, transformer): the model decodes
/// valid BILOU tags with constrained Viterbi, turned into character spans by <see cref="Core.Tagging.TagCodec"/>. Safe
/// to call from many threads (forward passes only read the weights; gradient mode and dispose scopes are per thread).
/// </summary>
public abstract class CrfTaggerRecognizer<TModel> : IBatchEntityRecognizer where TModel : CrfTaggerModel
{
    protected CrfTaggerRecognizer(TModel model) => Model = model;

    public TModel Model { get; }
    public string Kind => Model.ComponentKind;
    public IReadOnlyList<string> Produces => Model.Labels;

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens) => Model.RecognizeMany([(document, tokens)])[0];

    /// <summary>Entities per document; the same as one by one (a document's entities never depend on its batch-mates).</summary>
    public IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents) =>
        Model.RecognizeMany(documents);

    /// <summary>Reads a package component's model with <paramref name="fromFiles"/> (files, device, location) and checks its labels against the package.</summary>
    protected static TModel LoadModel(ModelPackage package, PackageComponent component, string device, Func<IReadOnlyDictionary<string, byte[]>, string, string, TModel> fromFiles)
    {
        var model = fromFiles(package.ReadComponentFiles(component), device, $"{package.Path}!components/{component.Name}");
        package.CheckLabels(component, model.Labels);
        return model;
    }
}
