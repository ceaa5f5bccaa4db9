using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Checkpoints;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.Relations.Transformer;
using Asclepius.TextMining.TestKit;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>
/// `train re --backend transformer` end to end with `--encoder DIR`: a tiny Hugging Face BERT folder written here (1
/// layer, hidden 16, the corpus' words and [unused0..7] marker slots) stands in for MiniLM, which is too slow for a
/// unit test; the package loads through the pipeline and `evaluate --model` scores it with gold entities.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TrainRelationsTransformerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Trains_a_transformer_relation_package_that_evaluate_and_the_pipeline_load()
    {
        var (train, dev) = (Corpus("train", 16, 0), Corpus("dev", 6, 3));
        var encoder = EncoderFolder();
        var model = _dir.File("re.zip");
        var run = CliRunner.Run("train", "re", "--backend", "transformer", "--encoder", encoder, "--train", train, "--dev", dev, "--out", model, "--epochs", "2", "--threads", "1", "--batch-size", "4");
        run.ExitCode.Should().Be(0, run.ToString());

        var package = ModelPackage.Open(model, ComponentCatalog.KnownKinds);
        package.FindComponent("relations")!.Kind.Should().Be(TransformerRelationModel.Kind);
        var metrics = package.ReadText(ModelPackage.MetricsEntry)!;
        metrics.Should().Contain("threshold").And.Contain("history");
        package.HasEntry("training/relations-options.json").Should().BeTrue();
        ExtractionPipeline.Load(package).Relations.Should().BeOfType<TransformerRelationExtractor>();

        var json = _dir.File("r.json");
        var eval = CliRunner.Run("evaluate", "--model", model, "--gold", dev, "--json", json);
        eval.ExitCode.Should().Be(0, eval.ToString());
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!["relations"]!["gold_entities"]!["micro"].Should().NotBeNull();
    }

    [Fact]
    public void Transformer_options_without_the_transformer_and_a_whole_document_window_are_bad_usage()
    {
        var train = Corpus("train", 4, 0);
        var epochs = CliRunner.Run("train", "re", "--train", train, "--out", _dir.File("a.zip"), "--epochs", "2");
        epochs.ExitCode.Should().Be(2, epochs.ToString());
        epochs.Error.Should().Contain("--epochs applies to --backend transformer only");
        var window = CliRunner.Run("train", "re", "--backend", "transformer", "--encoder", EncoderFolder(), "--train", train, "--out", _dir.File("b.zip"), "--window", "-1");
        window.ExitCode.Should().Be(2, window.ToString());
        window.Error.Should().Contain("--window");
        var unknown = CliRunner.Run("train", "re", "--backend", "transformer", "--encoder", _dir.File("no-such-encoder"), "--train", train, "--out", _dir.File("c.zip"));
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.Error.Should().Contain("ATM401").And.Contain("unknown encoder");
    }

    [Theory]
    [InlineData(false, "0", "--encoder-dropout applies to --backend transformer only")]
    [InlineData(true, "-0.1", "--encoder-dropout must be in [0, 1)")]
    [InlineData(true, "1", "--encoder-dropout must be in [0, 1)")]
    public void Encoder_dropout_is_a_transformer_option_in_0_to_1(bool transformer, string rate, string error)
    {
        string[] backend = transformer ? ["--backend", "transformer", "--encoder", EncoderFolder()] : [];
        var run = CliRunner.Run(["train", "re", .. backend, "--train", Corpus("train", 4, 0), "--out", _dir.File("a.zip"), "--encoder-dropout", rate]);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain(error);
    }

    /// <summary>"X induced Y" states a relation; "X for Y" does not.</summary>
    private string Corpus(string name, int n, int offset)
    {
        string[] chemicals = ["cisplatin", "lithium", "cocaine"];
        string[] diseases = ["seizures", "fibrosis", "bleeding"];
        var docs = new List<AnnotatedDocument>();
        for (var i = 0; i < n; i++)
        {
            var c = chemicals[(i + offset) % chemicals.Length];
            var d = diseases[(i * 2 + offset) % diseases.Length];
            var related = i % 2 == 0;
            var text = related ? $"Patients developed {d} induced by {c}." : $"We used {c} for {d}.";
            var doc = Docs.Annotated($"{name}{i}", text, (c, "Chemical"), (d, "Disease"));
            if (related) doc = doc.WithRelation("CID", doc.Entities.First(e => e.Label == "Chemical").Id, doc.Entities.First(e => e.Label == "Disease").Id);
            docs.Add(doc);
        }
        var path = _dir.File($"{name}.jsonl");
        CorpusFormats.Write(docs, path, "jsonl");
        return path;
    }

    /// <summary>A Hugging Face BERT folder: config.json, vocab.txt and model.safetensors of a random tiny encoder.</summary>
    private string EncoderFolder()
    {
        var folder = _dir.File("encoder");
        Directory.CreateDirectory(folder);
        string[] vocabulary = ["[PAD]", .. Enumerable.Range(0, 8).Select(i => $"[unused{i}]"), "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".",
            "patients", "developed", "induced", "by", "we", "used", "for", "cisplatin", "lithium", "cocaine", "seizures", "fibrosis", "bleeding"];
        var config = new BertConfig { VocabularySize = vocabulary.Length, HiddenSize = 16, Layers = 1, Heads = 2, IntermediateSize = 32, MaxPositions = 40 };
        using var encoder = new BertEncoder(config);
        using (var generator = new torch.Generator(5)) encoder.InitializeRandom(generator);
        var names = encoder.HuggingFaceNames();
        File.WriteAllText(Path.Combine(folder, HuggingFaceBertFolder.ConfigFile), BertConfigJson.Write(config));
        File.WriteAllLines(Path.Combine(folder, HuggingFaceBertFolder.VocabularyFile), vocabulary);
        using var stream = File.Create(Path.Combine(folder, HuggingFaceBertFolder.SafetensorsFile));
        Safetensors.SaveStateDict(stream, encoder.named_parameters().ToDictionary(p => names[p.name], p => p.parameter.detach()), leaveOpen: true);
        return folder;
    }
}
