using System.IO.Compression;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Relations.PairClassifier;
using Asclepius.TextMining.Relations.Tests.PairClassifier;
using Asclepius.TextMining.Relations.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.Transformer;

/// <summary>
/// Rel.Transformer.v1 on the relation fixture with a tiny random encoder: it learns "induced" vs "treats", its package
/// labels through the pipeline exactly as the trained model does, a tampered package and bad input are refused with
/// their codes, and a seed fixes the model.
/// </summary>
[Collection(TorchRelationCollection.Name)]
public sealed class TransformerRelationTests : IClassFixture<TransformerRelationTests.Trained>, IDisposable
{
    private readonly Trained _trained;
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-rex-").FullName;

    public TransformerRelationTests(Trained trained) => _trained = trained;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One model trained once for the tests that only read it (training is the slow part).</summary>
    public sealed class Trained : IDisposable
    {
        public TransformerRelationModel Model { get; } = Train();

        public void Dispose() => Model.Dispose();
    }

    internal static TransformerRelationModel Train(TransformerRelationOptions? options = null, IReadOnlyList<AnnotatedDocument>? dev = null) =>
        TransformerRelationTrainer.Train(RelationFixtures.Corpus(48), dev ?? [], RelationFixtures.Schema, options ?? TinyRelationEncoder.Options, TinyRelationEncoder.Source());

    internal static List<string> Predict(IRelationExtractor extractor, IEnumerable<AnnotatedDocument> docs) =>
        docs.SelectMany(d => extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities)
            .Select(r => $"{d.Id}:{r.Label}:{r.HeadId}>{r.TailId}:{r.Score:F5}")).ToList();

    [Fact]
    public void Learns_induced_relations_and_not_treatment()
    {
        var extractor = new TransformerRelationExtractor(_trained.Model, RelationFixtures.Schema);
        F1(extractor, RelationFixtures.Corpus(48)).Should().BeGreaterThan(0.95, "the training pairs are learned");
        // Held-out sentences (other chemical/disease pairings): predicting every pair related would score 0.67.
        F1(extractor, RelationFixtures.Corpus(24, offset: 3)).Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Package_labels_through_the_pipeline_with_identical_predictions()
    {
        var path = Save(_trained.Model);
        var pipeline = ExtractionPipeline.Load(path);
        pipeline.Relations.Should().BeOfType<TransformerRelationExtractor>();
        var test = RelationFixtures.Corpus(16, offset: 5);
        var direct = Predict(new TransformerRelationExtractor(_trained.Model, RelationFixtures.Schema), test);
        var viaPipeline = test.SelectMany(d => pipeline.Process(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities).Relations
            .Select(r => $"{d.Id}:{r.Label}:{r.HeadId}>{r.TailId}:{r.Score:F5}")).ToList();
        direct.Should().NotBeEmpty();
        viaPipeline.Should().Equal(direct);
    }

    [Fact]
    public void Tampered_package_is_refused_with_ATM303()
    {
        var path = Save(_trained.Model);
        var tampered = Path.Combine(_dir, "tampered.zip");
        var target = $"components/relations/{TransformerRelationModel.WeightsFile}";
        using (var src = ZipFile.OpenRead(path))
        using (var dst = ZipFile.Open(tampered, ZipArchiveMode.Create))
            foreach (var entry in src.Entries)
            {
                using var input = entry.Open();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                var bytes = buffer.ToArray();
                if (entry.FullName == target) bytes[^1] ^= 0xFF;
                using var output = dst.CreateEntry(entry.FullName).Open();
                output.Write(bytes);
            }
        var act = () => ExtractionPipeline.Load(tampered);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageHashMismatch && e.Message.Contains(target));
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_another_seed_another()
    {
        var options = TinyRelationEncoder.Options with { Epochs = 2, WeightStorage = WeightStorage.Float32 };
        using var a = Train(options);
        using var b = Train(options);
        using var c = Train(options with { Seed = 11 });
        b.ToFiles()[TransformerRelationModel.WeightsFile].Should().Equal(a.ToFiles()[TransformerRelationModel.WeightsFile]);
        c.ToFiles()[TransformerRelationModel.WeightsFile].Should().NotEqual(a.ToFiles()[TransformerRelationModel.WeightsFile]);
    }

    [Fact]
    public void Encoder_dropout_is_on_by_default_and_the_option_turns_it_off()
    {
        var options = TinyRelationEncoder.Options with { Epochs = 1, WeightStorage = WeightStorage.Float32 };
        using var byDefault = Train(options);
        using var off = Train(options with { EncoderDropout = 0 });
        using var configRates = Train(options with { EncoderDropout = 0.1 });
        var weights = byDefault.ToFiles()[TransformerRelationModel.WeightsFile];
        off.ToFiles()[TransformerRelationModel.WeightsFile].Should().NotEqual(weights, "the encoder's dropout masks changed training");
        configRates.ToFiles()[TransformerRelationModel.WeightsFile].Should().Equal(weights, "the default is the encoder config's rates (0.1 and 0.1)");
        var written = System.Text.Encoding.UTF8.GetString(byDefault.ToFiles()[TransformerRelationModel.OptionsFile]);
        TransformerRelationOptions.FromJson(written, "x").EncoderDropout.Should().BeNull("a written null is the encoder's rates, not a package from before the option");
    }

    [Fact]
    public void Dev_corpus_keeps_the_best_epoch_and_tunes_the_threshold()
    {
        using var model = Train(TinyRelationEncoder.Options with { Epochs = 3 }, dev: RelationFixtures.Corpus(12, offset: 7));
        var report = model.Training!;
        report.History.Should().HaveCount(3).And.OnlyContain(e => e.DevF1 != null && e.Threshold != null);
        report.ThresholdCurve.Should().HaveCount(ThresholdTuner.Grid.Length);
        report.BestDevF1.Should().Be(report.ThresholdCurve.Max(c => c.F1));
        ThresholdTuner.Grid.Should().Contain(model.Options.Threshold);
        model.Options.Threshold.Should().Be(report.ThresholdCurve.First(c => c.F1 == report.BestDevF1).Threshold);
    }

    [Fact]
    public void Component_files_reload_to_identical_predictions()
    {
        var test = RelationFixtures.Corpus(8, offset: 2);
        using var reloaded = TransformerRelationModel.FromFiles(_trained.Model.ToFiles());
        Predict(new TransformerRelationExtractor(reloaded, RelationFixtures.Schema), test)
            .Should().Equal(Predict(new TransformerRelationExtractor(_trained.Model, RelationFixtures.Schema), test));
    }

    [Fact]
    public void Bad_corpora_and_options_are_refused_with_codes()
    {
        var source = TinyRelationEncoder.Source();
        var options = TinyRelationEncoder.Options with { Epochs = 1 };
        Code(() => TransformerRelationTrainer.Train([], [], RelationFixtures.Schema, options, source)).Should().Be(ErrorCodes.TrainingDataInvalid);
        var noRelations = new LabelSchema("x", RelationFixtures.Schema.Entities, []);
        Code(() => TransformerRelationTrainer.Train(RelationFixtures.Corpus(4), [], noRelations, options, source)).Should().Be(ErrorCodes.TrainingDataInvalid);
        var unknownLabel = RelationFixtures.Corpus(4).Select(d => d.Relations.Count == 0 ? d : new AnnotatedDocument(d.Document, d.Entities, [d.Relations[0] with { Label = "TREATS" }])).ToList();
        Code(() => TransformerRelationTrainer.Train(unknownLabel, [], RelationFixtures.Schema, options, source)).Should().Be(ErrorCodes.LabelNotInSchema);
        var noPositives = RelationFixtures.Corpus(8).Select(d => new AnnotatedDocument(d.Document, d.Entities, [])).ToList();
        Code(() => TransformerRelationTrainer.Train(noPositives, [], RelationFixtures.Schema, options, source)).Should().Be(ErrorCodes.TrainingDataInvalid);
        Code(() => TransformerRelationTrainer.Train(RelationFixtures.Corpus(4), [], RelationFixtures.Schema, options with { SentenceWindow = -1 }, source)).Should().Be(ErrorCodes.TrainingDataInvalid);
        Code(() => TransformerRelationTrainer.Train(RelationFixtures.Corpus(4), [], RelationFixtures.Schema, options with { MaxPieces = 4 }, source)).Should().Be(ErrorCodes.TrainingDataInvalid);
        var withoutMarkers = TinyRelationEncoder.Source(TinyRelationEncoder.BuildVocabulary(withMarkers: false));
        var act = () => TransformerRelationTrainer.Train(RelationFixtures.Corpus(4), [], RelationFixtures.Schema, options, withoutMarkers);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("[unused0]"));
    }

    [Fact]
    public void Missing_or_inconsistent_component_files_are_refused_as_malformed()
    {
        var files = _trained.Model.ToFiles();
        foreach (var name in files.Keys)
        {
            var without = files.Where(f => f.Key != name).ToDictionary();
            Code(() => TransformerRelationModel.FromFiles(without)).Should().Be(ErrorCodes.PackageMalformed, name);
        }
        var cut = files.ToDictionary();
        cut[TransformerRelationModel.WeightsFile] = cut[TransformerRelationModel.WeightsFile][..100];
        Code(() => TransformerRelationModel.FromFiles(cut)).Should().Be(ErrorCodes.PackageMalformed);
        var badLabels = files.ToDictionary();
        badLabels[TransformerRelationModel.LabelsFile] = "{\"relations\":[\"CID\"],\"markers\":[],\"document_level\":false}"u8.ToArray();
        Code(() => TransformerRelationModel.FromFiles(badLabels)).Should().Be(ErrorCodes.PackageMalformed);
    }

    private string Save(TransformerRelationModel model)
    {
        var path = Path.Combine(_dir, $"re-{Guid.NewGuid():N}.zip");
        new ModelPackageBuilder("re-transformer-test", RelationFixtures.Schema)
            .AddComponent("relations", TransformerRelationModel.Kind, model.ToFiles()).Save(path);
        return path;
    }

    private static double F1(TransformerRelationExtractor extractor, IReadOnlyList<AnnotatedDocument> gold)
    {
        var predicted = gold.Select(d => new AnnotatedDocument(d.Document, d.Entities, extractor.Extract(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text), d.Entities))).ToList();
        return ThresholdTuner.Score(gold, predicted, documentLevel: false);
    }

    private static string? Code(Action act)
    {
        try
        {
            act();
            return null;
        }
        catch (TextMiningException ex)
        {
            return ex.Code;
        }
    }
}
