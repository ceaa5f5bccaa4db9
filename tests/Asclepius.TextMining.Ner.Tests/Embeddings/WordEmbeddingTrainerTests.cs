using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Embeddings;
using Asclepius.TextMining.Ner.Tests.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Tests.Embeddings;

[Collection(TorchCollection.Name)]
public sealed class WordEmbeddingTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("w2v-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly WordEmbeddingOptions Tiny = new() { Dim = 16, Epochs = 30, MinCount = 1, BatchSize = 256, LearningRate = 0.02, Subsample = 0 };

    [Fact]
    public void Words_used_alike_end_up_closer_than_unrelated_words()
    {
        var vectors = WordEmbeddingTrainer.Train(Texts(), Tiny);

        var nearest = vectors.Nearest("aspirin", 3).Select(n => n.Word).ToArray();
        nearest.Should().Contain(w => w == "ibuprofen" || w == "naproxen");
        vectors.Words.Should().Contain(new[] { "00", "000", "mg" }, "the tokenizer splits \"10mg\" and digits are normalized as the NER model sees them");
    }

    [Fact]
    public void Vectors_are_deterministic_and_plug_into_BiLstmCrf_training()
    {
        var first = WordEmbeddingTrainer.Train(Texts(), Tiny with { Epochs = 2 });
        var second = WordEmbeddingTrainer.Train(Texts(), Tiny with { Epochs = 2 });
        second.Values.Should().Equal(first.Values);

        var path = Path.Combine(_folder, "vectors.txt");
        first.WriteText(path);
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions
        {
            Epochs = 1, WordDim = 50, CharFilters = 8, HiddenSize = 8, Threads = 1, PretrainedEmbeddings = path,
        });
        model.Options.WordDim.Should().Be(16, "the file's dimension wins");
        model.Training!.PretrainedWordsUsed.Should().BeGreaterThan(5);
    }

    [Fact]
    public void A_malformed_vectors_file_is_refused_with_file_and_line()
    {
        var path = Path.Combine(_folder, "bad.txt");
        File.WriteAllText(path, "aspirin 0.1 0.2\nibuprofen 0.3 zero\n");
        var (train, dev) = BiLstmCrfTrainerTests.Corpus();
        var act = () => BiLstmCrfTrainer.Train(train, dev, new BiLstmCrfOptions { Epochs = 1, Threads = 1, PretrainedEmbeddings = path });
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.MalformedRecord && e.Message.Contains("bad.txt:2"));
    }

    private static IEnumerable<string> Texts()
    {
        var drugs = new[] { "aspirin", "ibuprofen", "naproxen" };
        var places = new[] { "hospital", "clinic", "ward" };
        for (var i = 0; i < 30; i++)
        {
            var d = drugs[i % 3];
            var p = places[(i / 3) % 3];
            yield return $"The patient took {10 * (i + 1)}mg of {d} for pain. She was seen at the {p} on day {i}. {char.ToUpperInvariant(d[0])}{d[1..]} relieved the pain.";
        }
    }
}
