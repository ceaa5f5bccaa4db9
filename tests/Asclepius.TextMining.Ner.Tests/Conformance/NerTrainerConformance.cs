using System.IO.Compression;
using System.Security.Cryptography;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Training;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Conformance;

/// <summary>
/// The one workout every NER trainer passes (ML.NET's TestEstimatorCore idea): train on a tiny in-memory
/// corpus → save a package → load it through <see cref="ExtractionPipeline"/> → identical predictions;
/// manifest hashes verify; a tampered package is refused (ATM303); empty and malformed corpora are
/// rejected with ATM401 naming the problem; the same seed gives the same predictions.
/// A backend subclasses this and implements <see cref="Train"/>; nothing here knows any backend.
/// </summary>
public abstract class NerTrainerConformance : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-ner-conf-").FullName;

    /// <summary>The component kind the backend writes, e.g. "Ner.TokenWindow.v1".</summary>
    protected abstract string Kind { get; }

    /// <summary>
    /// Trains with <paramref name="seed"/> on <paramref name="train"/> (optionally early-stopping on
    /// <paramref name="dev"/>), writes a package to <paramref name="packagePath"/> and returns the
    /// in-memory recognizer that was saved. Invalid input must throw <see cref="TextMiningException"/>.
    /// </summary>
    protected abstract IEntityRecognizer Train(IReadOnlyList<AnnotatedDocument> train, IReadOnlyList<AnnotatedDocument>? dev, int seed, string packagePath);

    /// <summary>Strict micro F1 the backend must reach on its own (tiny, easy) training corpus.</summary>
    protected virtual double MinimumTrainF1 => 0.9;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string NewPath(string name = "model") => Path.Combine(_dir, $"{name}-{Guid.NewGuid():N}.zip");

    private static IReadOnlyList<Entity> Recognize(IEntityRecognizer recognizer, Document document) =>
        recognizer.Recognize(document, ClinicalTokenizer.Default.Tokenize(document.Text));

    private static string Describe(IReadOnlyList<Entity> entities) =>
        string.Join("; ", entities.Select(e => $"{e.Span} {e.Label} {e.Score:0.####}"));

    [Fact]
    public void Package_loaded_through_the_pipeline_predicts_exactly_like_the_trained_model()
    {
        var path = NewPath();
        var inMemory = Train(NerCorpus.Train(), NerCorpus.Held(), 11, path);
        var pipeline = ExtractionPipeline.Load(path);

        pipeline.Recognizer.Should().NotBeNull();
        pipeline.Recognizer!.Kind.Should().Be(Kind);
        pipeline.Recognizer.Produces.Should().BeEquivalentTo(inMemory.Produces);
        foreach (var doc in NerCorpus.Held().Concat(NerCorpus.Train().Take(10)))
        {
            var expected = Recognize(inMemory, doc.Document);
            var actual = pipeline.Process(doc.Document).Entities;
            Describe(actual).Should().Be(Describe(expected), $"document {doc.Id}");
        }
    }

    [Fact]
    public void Trained_model_learns_the_tiny_corpus_and_outputs_well_formed_entities()
    {
        var path = NewPath();
        var recognizer = Train(NerCorpus.Train(), null, 3, path);
        var train = NerCorpus.Train();
        var result = NerEvaluation.Evaluate(recognizer, train);
        result.Entities.Strict.Micro.F1.Should().BeGreaterThanOrEqualTo(MinimumTrainF1);

        foreach (var doc in NerCorpus.Held())
            foreach (var e in Recognize(recognizer, doc.Document))
            {
                e.Span.FitsIn(doc.Text.Length).Should().BeTrue();
                e.Span.Length.Should().BePositive();
                recognizer.Produces.Should().Contain(e.Label);
                e.Source.Should().Be(AnnotationSource.Predicted);
                e.Score.Should().BeInRange(0, 1);
            }
    }

    [Fact]
    public void Package_manifest_names_the_kind_and_every_hash_verifies()
    {
        var path = NewPath();
        Train(NerCorpus.Train(), null, 5, path);
        var package = ModelPackage.Open(path, ComponentCatalog.KnownKinds);
        package.Components.Should().ContainSingle(c => c.Kind == Kind);
        package.Manifest.TrainingDataSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        foreach (var entry in new[] { ModelPackage.SchemaEntry, ModelPackage.MetricsEntry, ModelPackage.TrainingOptionsEntry, ModelPackage.TrainingDataEntry })
            package.HasEntry(entry).Should().BeTrue($"{entry} must be in every NER package");
        package.Schema.EntityLabels.Should().BeEquivalentTo(["Chemical", "Disease"]);

        using var zip = ZipFile.OpenRead(path);
        foreach (var (name, sha) in package.Manifest.Entries)
        {
            using var s = zip.GetEntry(name)!.Open();
            Convert.ToHexString(SHA256.HashData(s)).ToLowerInvariant().Should().Be(sha, name);
        }
    }

    [Fact]
    public void Tampered_package_is_refused_with_ATM303()
    {
        var path = NewPath();
        Train(NerCorpus.Train(), null, 5, path);
        var package = ModelPackage.Open(path);
        var component = package.Components.Single(c => c.Kind == Kind);
        var target = ModelPackage.ComponentEntry(component.Name, component.Files.OrderByDescending(f => package.ReadComponentFile(component, f).Length).First());

        var tampered = NewPath("tampered");
        using (var src = ZipFile.OpenRead(path))
        using (var dst = ZipFile.Open(tampered, ZipArchiveMode.Create))
        {
            foreach (var e in src.Entries)
            {
                using var ms = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(ms);
                var bytes = ms.ToArray();
                if (e.FullName == target) bytes[bytes.Length / 2] ^= 0x5A;
                using var w = dst.CreateEntry(e.FullName).Open();
                w.Write(bytes);
            }
        }

        var act = () => ExtractionPipeline.Load(tampered);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.PackageHashMismatch && e.Message.Contains(target));
    }

    [Fact]
    public void Empty_corpus_is_rejected_with_ATM401()
    {
        var act = () => Train([], null, 1, NewPath());
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("no documents"));
    }

    [Fact]
    public void Corpus_without_entities_is_rejected_with_ATM401()
    {
        var docs = NerCorpus.Train(5).Select(d => d.WithoutAnnotations()).ToList();
        var act = () => Train(docs, null, 1, NewPath());
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("no entities"));
    }

    [Fact]
    public void Entity_past_the_end_of_its_text_is_rejected_with_ATM401_naming_document_and_entity()
    {
        var docs = NerCorpus.Train(5).ToList();
        var bad = docs[2];
        docs[2] = new AnnotatedDocument(bad.Document, [.. bad.Entities, new Entity("T99", new TextSpan(bad.Text.Length - 2, bad.Text.Length + 5), "Chemical")]);
        var act = () => Train(docs, null, 1, NewPath());
        act.Should().Throw<TextMiningException>().Where(e =>
            e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains(bad.Id) && e.Message.Contains("T99") && e.Message.Contains("past the end"));
    }

    [Fact]
    public void Malformed_labels_and_duplicate_documents_are_rejected_with_ATM401()
    {
        var docs = NerCorpus.Train(5).ToList();
        var withBlank = docs.ToList();
        withBlank[1] = new AnnotatedDocument(docs[1].Document, [new Entity("T7", new TextSpan(0, 3), " ")]);
        var blank = () => Train(withBlank, null, 1, NewPath());
        blank.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains(docs[1].Id) && e.Message.Contains("T7"));

        var duplicate = () => Train([.. docs, docs[0]], null, 1, NewPath());
        duplicate.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains(docs[0].Id) && e.Message.Contains("twice"));
    }

    [Fact]
    public void Malformed_dev_corpus_is_rejected_with_ATM401()
    {
        var dev = NerCorpus.Held(3).ToList();
        dev[0] = new AnnotatedDocument(dev[0].Document, [new Entity("T5", new TextSpan(1, dev[0].Text.Length + 1), "Disease")]);
        var act = () => Train(NerCorpus.Train(), dev, 1, NewPath());
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains(dev[0].Id) && e.Message.Contains("dev"));
    }

    [Fact]
    public void Same_seed_gives_the_same_predictions()
    {
        var a = Train(NerCorpus.Train(), null, 42, NewPath("a"));
        var b = Train(NerCorpus.Train(), null, 42, NewPath("b"));
        foreach (var doc in NerCorpus.Held())
            Describe(Recognize(b, doc.Document)).Should().Be(Describe(Recognize(a, doc.Document)), $"document {doc.Id}");
    }

    [Fact]
    public void Recognizer_is_safe_to_share_between_threads()
    {
        var path = NewPath();
        Train(NerCorpus.Train(), null, 9, path);
        var pipeline = ExtractionPipeline.Load(path);
        var docs = NerCorpus.Held().Concat(NerCorpus.Train()).Select(d => d.Document).ToList();
        var sequential = docs.Select(d => Describe(pipeline.Process(d).Entities)).ToList();
        var parallel = docs.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(d => Describe(pipeline.Process(d).Entities)).ToList();
        parallel.Should().Equal(sequential);
    }
}
