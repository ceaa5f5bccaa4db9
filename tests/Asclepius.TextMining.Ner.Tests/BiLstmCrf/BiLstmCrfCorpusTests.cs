using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>A short run on real BC5CDR abstracts: the pipeline from PubTator to a scored model works (not the accuracy benchmark: bench/bilstm).</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Corpus")]
public sealed class BiLstmCrfCorpusTests
{
    [Fact]
    public void A_few_BC5CDR_abstracts_train_a_model_that_finds_chemicals_and_diseases()
    {
        var format = new PubTatorFormat();
        var train = format.Read(SharedData.File("bc5cdr", "pubtator", "CDR_TrainingSet.PubTator.txt"), ReadOptions.Strict, new ReadReport()).Take(40).ToArray();
        var dev = format.Read(SharedData.File("bc5cdr", "pubtator", "CDR_DevelopmentSet.PubTator.txt"), ReadOptions.Strict, new ReadReport()).Take(20).ToArray();

        using var model = BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions
        {
            Epochs = 10, Patience = 10, WordDim = 32, CharFilters = 24, HiddenSize = 48, BatchSize = 8, LearningRate = 0.01, Threads = 1,
        });

        model.Labels.Should().Equal("Chemical", "Disease");
        model.Training!.TrainEntities.Should().BeGreaterThan(500);
        model.Training.TrainMisaligned.Should().BeLessThan(model.Training.TrainEntities / 50, "the tokenizer splits at hyphens and slashes, so PubTator mentions align");
        model.Training.BestDevF1.Should().BeGreaterThan(0.3);
    }
}
