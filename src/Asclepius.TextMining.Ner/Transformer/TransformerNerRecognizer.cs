using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>The recognizer of a <see cref="TransformerNerModel"/> (one window per forward pass: <see cref="TransformerNerModel.RecognizeMany"/>).</summary>
public sealed class TransformerNerRecognizer(TransformerNerModel model) : CrfTaggerRecognizer<TransformerNerModel>(model)
{
    /// <summary>Loads the recognizer of a package component (for the pipeline's component catalog).</summary>
    public static TransformerNerRecognizer Load(ModelPackage package, PackageComponent component, string device = "cpu") =>
        new(LoadModel(package, component, device, (files, d, location) => TransformerNerModel.FromFiles(files, d, location)));
}
