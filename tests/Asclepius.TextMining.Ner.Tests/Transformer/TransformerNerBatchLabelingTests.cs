using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;
using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>Labeling batches the windows of several documents into one forward pass; every document must get what it gets alone.</summary>
[Collection(TorchCollection.Name)]
public sealed class TransformerNerBatchLabelingTests : IDisposable
{
    private static readonly Lazy<TransformerNerModel> Trained = new(() => TransformerNerTrainer.Train(NerCorpus.Train(40), [], TinyEncoder.Options with { Epochs = 6, Seed = 5 }, TinyEncoder.Source()));
    private readonly string _folder = Directory.CreateTempSubdirectory("transformer-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Mixed lengths: one word, ordinary documents, nothing at all, and a text of many windows.</summary>
    private static List<Document> Documents()
    {
        var held = NerCorpus.Held(24);
        var texts = held.Select(d => d.Text).Concat(["Lithium.", "", string.Join(" ", held.Take(12).Select(d => d.Text))]).ToArray();
        return Enumerable.Range(0, 40).Select(i => new Document($"n{i}", texts[i % texts.Length])).ToList();
    }

    [Fact]
    public void Batched_windows_give_each_document_the_scores_and_tags_it_gets_alone()
    {
        var model = Trained.Value;
        var encoded = Documents().Select(d => ClinicalTokenizer.Default.Tokenize(d.Text)).Select(t => t.Tokens.Count > 0 ? model.Encode(t, null) : null).ToArray();
        encoded.Max(e => e?.Windows.Count ?? 0).Should().BeGreaterThan(3, "one document spans several windows");

        var alone = model.Emissions(encoded, batchPieces: 1);
        foreach (var batch in new[] { 100, TransformerNerModel.LabelingBatchPieces, 100_000 })
        {
            var batched = model.Emissions(encoded, batch);
            for (var d = 0; d < encoded.Length; d++)
            {
                if (alone[d] is null) { batched[d].Should().BeNull(); continue; }
                var worst = alone[d]!.Zip(batched[d]!, (a, b) => Math.Abs(a - b)).Max();
                worst.Should().BeLessThan(1e-4f, $"document {d}, {batch} pieces a pass: padding is masked out of attention");
            }
            model.Predict(encoded, batch).Should().BeEquivalentTo(model.Predict(encoded, 1), o => o.WithStrictOrdering(), $"{batch} pieces a pass");
        }
    }

    [Fact]
    public void Pipeline_batch_labeling_gives_the_same_entities_in_input_order_as_one_by_one()
    {
        var path = Path.Combine(_folder, "m.zip");
        new ModelPackageBuilder("transformer", LabelSchema.FromLabels(["Chemical", "Disease"]))
            .AddComponent("ner", TransformerNerModel.Kind, Trained.Value.ToFiles())
            .Save(path);
        var pipeline = ExtractionPipeline.Load(path);
        var docs = Documents();

        var one = docs.Select(d => pipeline.Process(d)).ToList();
        var batched = pipeline.ProcessBatch(docs, 2).ToList();

        one.SelectMany(d => d.Entities).Should().NotBeEmpty();
        batched.Select(d => d.Document.Id).Should().Equal(docs.Select(d => d.Id));
        for (var i = 0; i < docs.Count; i++) batched[i].Entities.Should().Equal(one[i].Entities, $"note {i}");
    }
}
