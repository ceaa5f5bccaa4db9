using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Tests.Conformance;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Ner.Transformer;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>The transformer tagger through the shared NER trainer workout, on a tiny random encoder (seconds, not minutes).</summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerNerConformanceTests : NerTrainerConformance
{
    protected override string Kind => TransformerNerModel.Kind;

    protected override IEntityRecognizer Train(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument>? dev, int seed, string packagePath)
    {
        var model = TransformerNerTrainer.Train(train, dev ?? [], TinyEncoder.Options with { Seed = seed }, TinyEncoder.Source());
        var trainSet = NerTrainingSet.Build(train, TagScheme.Bilou, "train");
        var devSet = dev is null ? null : NerTrainingSet.Build(dev, TagScheme.Bilou, "dev", requireEntities: false);
        NerPackageWriter.Save(TransformerNerPackaging.Request(model, trainSet, devSet, "conformance"), packagePath);
        return model.CreateRecognizer();
    }
}
