using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// The recognizer of a <see cref="BiLstmCrfModel"/>: the document's sentences go through the network in
/// length-sorted batches (<see cref="BiLstmCrfModel.RecognizeMany"/>).
/// </summary>
public sealed class BiLstmCrfRecognizer(BiLstmCrfModel model) : CrfTaggerRecognizer<BiLstmCrfModel>(model)
{
    /// <summary>Loads the recognizer of a package component (for the pipeline's component catalog).</summary>
    public static BiLstmCrfRecognizer Load(ModelPackage package, PackageComponent component, string device = "cpu") =>
        new(LoadModel(package, component, device, (files, d, location) => BiLstmCrfModel.FromFiles(files, d, location)));
}
