using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Pipeline;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfBatchLabelingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bilstm-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Pipeline_batch_labeling_gives_the_same_entities_in_input_order_as_one_by_one()
    {
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions
        {
            Epochs = 12, Patience = 12, BatchSize = 4, WordDim = 24, CharDim = 12, CharFilters = 16, CasingDim = 4, HiddenSize = 24, Dropout = 0.1, LearningRate = 0.01, Seed = 3, Threads = 1,
        });
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("bilstm", LabelSchema.FromLabels(["Chemical", "Disease"]))
            .AddComponent("ner", BiLstmCrfModel.Kind, model.ToFiles())
            .Save(path);
        var pipeline = ExtractionPipeline.Load(path);

        // Mixed lengths: one-word notes, ordinary ones, and a long run-on sentence that fills a prediction batch alone.
        var longSentence = string.Join(" and ", Enumerable.Range(0, 150).Select(i => i % 3 == 0 ? "aspirin" : "renal failure")) + ".";
        var texts = new[]
        {
            "Warfarin was stopped because of bleeding.",
            "Lithium.",
            longSentence,
            "No nausea after metformin. Cisplatin may cause renal failure.",
            "",
            "The patient denied headache. Haloperidol induced tremor.",
        };
        var docs = Enumerable.Range(0, 60).Select(i => new Document($"n{i}", texts[i % texts.Length])).ToList();

        var one = docs.Select(d => pipeline.Process(d)).ToList();
        var batched = pipeline.ProcessBatch(docs, 2).ToList();
        var isolated = pipeline.ProcessIsolated(docs, 2).ToList();

        one.SelectMany(d => d.Entities).Should().NotBeEmpty();
        batched.Select(d => d.Document.Id).Should().Equal(docs.Select(d => d.Id));
        for (var i = 0; i < docs.Count; i++)
        {
            batched[i].Entities.Should().Equal(one[i].Entities, $"note {i}");
            isolated[i].Result!.Entities.Should().Equal(one[i].Entities, $"note {i}");
        }
    }
}
