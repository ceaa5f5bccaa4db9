using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

[Collection(TorchCollection.Name)]
public sealed class BiLstmCrfTrainerTests
{
    private static readonly string[] Drugs = { "aspirin", "cisplatin", "lithium", "haloperidol", "warfarin", "metformin" };
    private static readonly string[] Diseases = { "headache", "renal failure", "tremor", "bleeding", "lactic acidosis", "nausea" };

    /// <summary>Small network so the whole class stays within seconds of CPU.</summary>
    private static readonly BiLstmCrfOptions Small = new()
    {
        Epochs = 12, Patience = 12, BatchSize = 4, WordDim = 24, CharDim = 12, CharFilters = 16, CasingDim = 4,
        HiddenSize = 24, Dropout = 0.1, LearningRate = 0.01, Seed = 3, Threads = 1,
    };

    [Fact]
    public void Training_on_a_tiny_corpus_learns_to_find_its_entities()
    {
        var (train, dev) = Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Small);

        model.Training!.BestDevF1.Should().BeGreaterThan(0.9);
        var doc = new Document("new", "Yesterday lithium caused tremor in the patient.");
        var found = model.CreateRecognizer().Recognize(doc, ClinicalTokenizer.Default.Tokenize(doc.Text));
        found.Select(e => (doc.Slice(e.Span), e.Label)).Should().Equal(("lithium", "Chemical"), ("tremor", "Disease"));
        found.Should().OnlyContain(e => e.Source == AnnotationSource.Predicted);
    }

    [Fact]
    public void Saved_and_loaded_model_predicts_the_same_and_same_seed_trains_the_same()
    {
        var (train, dev) = Corpus();
        var options = Small with { Epochs = 3 };
        using var first = BiLstmCrfTrainer.Train(train, dev, options);
        using var second = BiLstmCrfTrainer.Train(train, dev, options);
        using var loaded = BiLstmCrfModel.FromFiles(first.ToFiles());

        var probe = Probe();
        var expected = Predict(first, probe);
        Predict(loaded, probe).Should().Equal(expected);
        Predict(second, probe).Should().Equal(expected);
        second.ToFiles()[BiLstmCrfModel.WeightsFile].Should().Equal(first.ToFiles()[BiLstmCrfModel.WeightsFile]);
        loaded.Labels.Should().Equal("Chemical", "Disease");
    }

    [Fact]
    public void Two_data_parallel_workers_train_deterministically_and_learn()
    {
        var (train, dev) = Corpus();
        var options = Small with { Threads = 2 };
        using var first = BiLstmCrfTrainer.Train(train, dev, options);
        using var second = BiLstmCrfTrainer.Train(train, dev, options);

        second.ToFiles()[BiLstmCrfModel.WeightsFile].Should().Equal(first.ToFiles()[BiLstmCrfModel.WeightsFile]);
        first.Training!.BestDevF1.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Concurrent_recognition_gives_the_same_entities_as_sequential()
    {
        var (train, dev) = Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Small with { Epochs = 2 });
        var recognizer = model.CreateRecognizer();
        var docs = Probe();
        var sequential = docs.Select(d => recognizer.Recognize(d.Document, d.Tokens)).ToArray();
        var parallel = new IReadOnlyList<Entity>[docs.Length * 8];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i] = recognizer.Recognize(docs[i % docs.Length].Document, docs[i % docs.Length].Tokens));
        for (var i = 0; i < parallel.Length; i++) parallel[i].Should().Equal(sequential[i % docs.Length]);

        // Batched with other documents (other lengths, longer tokens): the same entities.
        var withOthers = docs.Append((new Document("long", "Hydroxychloroquinesulfatetablets and acetylsalicylic acid."), ClinicalTokenizer.Default.Tokenize("Hydroxychloroquinesulfatetablets and acetylsalicylic acid."))).ToArray();
        model.RecognizeMany(withOthers).Take(docs.Length).Should().BeEquivalentTo(sequential, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Cuda_requested_without_cuda_fails_with_ATM402_naming_the_package()
    {
        var act = () => TorchDevices.Resolve("cuda", () => false);
        act.Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.DeviceUnavailable && e.Message.Contains(TorchDevices.CudaPackage) && e.Message.Contains("libtorch-cpu-linux-x64"));

        if (!TorchSharp.torch.cuda.is_available())
        {
            var (train, dev) = Corpus();
            var train2 = () => BiLstmCrfTrainer.Train(train, dev, Small with { Device = "cuda" });
            train2.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.DeviceUnavailable);
        }
    }

    [Fact]
    public void Empty_or_untaggable_training_data_is_refused_with_ATM401()
    {
        var empty = () => BiLstmCrfTrainer.Train(Array.Empty<AnnotatedDocument>(), Array.Empty<AnnotatedDocument>(), Small);
        empty.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid);

        // "spirin" starts inside the token "aspirin": misaligned, so nothing can be tagged.
        var misaligned = new[] { Docs.Annotated("d1", "He took aspirin.", ("spirin", "Chemical")) };
        var none = () => BiLstmCrfTrainer.Train(misaligned, Array.Empty<AnnotatedDocument>(), Small);
        none.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("1 not aligned"));

        var badOption = () => BiLstmCrfTrainer.Train(Corpus().Train, Array.Empty<AnnotatedDocument>(), Small with { Dropout = 1.5 });
        badOption.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("dropout"));
    }

    [Fact]
    public void Training_reports_misaligned_entities_and_keeps_the_best_epoch()
    {
        var (train, dev) = Corpus();
        var withBad = train.Append(Docs.Annotated("bad", "Patients on aspirin had headache.", ("spirin", "Chemical"), ("headache", "Disease"))).ToArray();
        var epochs = new List<EpochProgress>();
        using var model = BiLstmCrfTrainer.Train(withBad, dev, Small with { Epochs = 3 }, new SyncProgress(epochs.Add));

        model.Training!.TrainMisaligned.Should().Be(1);
        model.Training.AlignmentExamples.Should().ContainSingle().Which.Should().StartWith("bad: ").And.NotContain("aspirin");
        model.Training.History.Should().HaveCount(3);
        model.Training.BestDevF1.Should().Be(model.Training.History.Max(h => h.DevF1));
        epochs.Where(p => p.EpochCompleted).Select(p => p.Epoch).Should().Equal(1, 2, 3);
        epochs.Last().Remaining.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Loading_files_with_a_missing_or_corrupt_entry_fails_with_a_package_error()
    {
        var (train, dev) = Corpus();
        using var model = BiLstmCrfTrainer.Train(train, dev, Small with { Epochs = 1 });
        var files = model.ToFiles().ToDictionary(p => p.Key, p => p.Value);

        var missing = new Dictionary<string, byte[]>(files);
        missing.Remove(BiLstmCrfModel.WeightsFile);
        ((Action)(() => BiLstmCrfModel.FromFiles(missing))).Should().Throw<TextMiningException>()
            .Where(e => e.Code == ErrorCodes.PackageMalformed && e.Message.Contains("weights.bin"));

        var corrupt = new Dictionary<string, byte[]>(files) { [BiLstmCrfModel.WeightsFile] = files[BiLstmCrfModel.WeightsFile][..100] };
        ((Action)(() => BiLstmCrfModel.FromFiles(corrupt))).Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageMalformed);
    }

    private static string[] Predict(BiLstmCrfModel model, (Document Document, TokenizedText Tokens)[] docs) =>
        model.RecognizeMany(docs).SelectMany((es, i) => es.Select(e => $"{i}:{e.Span}:{e.Label}")).ToArray();

    private static (Document Document, TokenizedText Tokens)[] Probe() =>
        new[]
        {
            "Warfarin was stopped because of bleeding.",
            "No nausea after metformin. Cisplatin may cause renal failure.",
            "The patient denied headache.",
        }.Select((t, i) => (new Document($"p{i}", t), ClinicalTokenizer.Default.Tokenize(t))).ToArray();

    internal static (AnnotatedDocument[] Train, AnnotatedDocument[] Dev) Corpus()
    {
        var templates = new[]
        {
            "The patient was given {0} and developed {1}.",
            "{0} induced {1} in two cases.",
            "After {0} therapy, {1} was reported.",
            "We describe {1} following treatment with {0}.",
        };
        var docs = new List<AnnotatedDocument>();
        var n = 0;
        for (var d = 0; d < Drugs.Length; d++)
            for (var t = 0; t < templates.Length; t++)
            {
                var drug = Drugs[d];
                var disease = Diseases[(d + t) % Diseases.Length];
                var text = string.Format(templates[t], t == 1 ? char.ToUpperInvariant(drug[0]) + drug[1..] : drug, disease);
                var drugText = t == 1 ? char.ToUpperInvariant(drug[0]) + drug[1..] : drug;
                var entities = templates[t].IndexOf("{0}", StringComparison.Ordinal) < templates[t].IndexOf("{1}", StringComparison.Ordinal)
                    ? new[] { (drugText, "Chemical"), (disease, "Disease") }
                    : new[] { (disease, "Disease"), (drugText, "Chemical") };
                docs.Add(Docs.Annotated($"d{n++}", text, entities));
            }
        return (docs.Where((_, i) => i % 6 != 5).ToArray(), docs.Where((_, i) => i % 6 == 5).ToArray());
    }

    private sealed class SyncProgress(Action<EpochProgress> report) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => report(value);
    }
}
