using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Packaging;
using Asclepius.TextMining.Ner.Tests.Conformance;
using Asclepius.TextMining.Ner.Training;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>
/// BiLSTM-CRF through the shared NER trainer workout, with a small network and few epochs so it runs in
/// seconds. Device and dtype moves of the network are checked in <see cref="BiLstmCrfDeviceMoveTests"/>.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfConformanceTests : NerTrainerConformance
{
    private static readonly BiLstmCrfOptions Small = new()
    {
        Epochs = 8, Patience = 8, BatchSize = 8, WordDim = 24, CharDim = 12, CharFilters = 16, CasingDim = 4,
        HiddenSize = 24, Dropout = 0.1, LearningRate = 0.01, Threads = 1,
    };

    protected override string Kind => BiLstmCrfModel.Kind;

    protected override IEntityRecognizer Train(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument>? dev, int seed, string packagePath)
    {
        // The trainer itself must refuse bad corpora: it is called before anything else looks at them.
        var model = BiLstmCrfTrainer.Train(train, dev ?? [], Small with { Seed = seed });
        var trainSet = NerTrainingSet.Build(train, TagScheme.Bilou, "train");
        var devSet = dev is null ? null : NerTrainingSet.Build(dev, TagScheme.Bilou, "dev", requireEntities: false);
        NerPackageWriter.Save(BiLstmCrfPackaging.Request(model, trainSet, devSet, "conformance"), packagePath);
        return model.CreateRecognizer();
    }
}
