using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Formats;
using Asclepius.TextMining.Pipeline;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public class TrainCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Train() => Corpora.WriteJsonl(_dir.File("train.jsonl"), NerCorpus.Train());
    private string Held() => Corpora.WriteJsonl(_dir.File("held.jsonl"), NerCorpus.Held());

    [Fact]
    public void Train_ner_writes_a_package_that_loads_and_evaluate_model_scores_it()
    {
        var model = _dir.File("m.zip");
        var run = CliRunner.Run("train", "ner", "--train", Train(), "--dev", Held(), "--test", Held(), "--out", model, "--seed", "3");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("dev (strict)").And.Contain("test (strict)").And.Contain("Ner.TokenWindow.v1");

        var package = ModelPackage.Open(model, ComponentCatalog.KnownKinds);
        package.Components.Should().ContainSingle(c => c.Kind == "Ner.TokenWindow.v1");
        var metrics = JsonNode.Parse(package.ReadText(ModelPackage.MetricsEntry)!)!;
        metrics["dev"]!["entities"]!["micro"]!["f1"]!.GetValue<double>().Should().BeGreaterThan(0.8);
        metrics["test"].Should().NotBeNull();
        metrics["training"]!["history"]!.AsArray().Should().NotBeEmpty();
        var options = JsonNode.Parse(package.ReadText(ModelPackage.TrainingOptionsEntry)!)!;
        options["options"]!["seed"]!.GetValue<int>().Should().Be(3);
        var data = JsonNode.Parse(package.ReadText(ModelPackage.TrainingDataEntry)!)!;
        data["train"]!["documents"]!.GetValue<int>().Should().Be(NerCorpus.Train().Count);
        data["train"]!["file_sha256"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        data["format"]!.GetValue<string>().Should().Be(JsonlFormat.FormatName);

        var json = _dir.File("r.json");
        var eval = CliRunner.Run("evaluate", "--model", model, "--gold", Held(), "--json", json, "--threads", "2");
        eval.ExitCode.Should().Be(0, eval.ToString());
        eval.Out.Should().Contain("Entities, strict").And.Contain("tokens/s");
        var r = JsonNode.Parse(File.ReadAllText(json))!;
        r["entities"]!["micro"]!["f1"]!.GetValue<double>().Should().BeApproximately(metrics["test"]!["entities"]!["micro"]!["f1"]!.GetValue<double>(), 1e-9);
        r["model"]!["kind"]!.GetValue<string>().Should().Be("Ner.TokenWindow.v1");
        r["model"]!["tokens"]!.GetValue<long>().Should().BePositive();
    }

    [Fact]
    public void Train_ner_bilstm_crf_with_lexicons_stores_them_and_labels_without_the_folder()
    {
        var lexicons = _dir.File("lexicons");
        Directory.CreateDirectory(lexicons);
        File.WriteAllText(Path.Combine(lexicons, "chemicals.tsv"), "name\tvariants\tclass\naspirin\tASA\tanalgesic\n");
        var model = _dir.File("bilstm.zip");
        var run = CliRunner.Run("train", "ner", "--train", Train(), "--dev", Held(), "--out", model, "--backend", "bilstm-crf",
            "--epochs", "1", "--threads", "1", "--lexicons", lexicons);
        run.ExitCode.Should().Be(0, run.ToString());
        Directory.Delete(lexicons, recursive: true);

        var package = ModelPackage.Open(model, ComponentCatalog.KnownKinds);
        package.Components.Single(c => c.Kind == "Ner.BiLstmCrf.v1").Files.Should().Contain("lexicons.json");
        var options = JsonNode.Parse(package.ReadText(ModelPackage.TrainingOptionsEntry)!)!;
        options["options"]!["lexicon_folder"]!.GetValue<string>().Should().Be(Path.GetFullPath(lexicons));
        var eval = CliRunner.Run("evaluate", "--model", model, "--gold", Held());
        eval.ExitCode.Should().Be(0, eval.ToString());
    }

    [Fact]
    public void Train_ner_on_a_corpus_with_an_entity_past_the_end_fails_with_ATM401_or_the_reader_error()
    {
        var docs = NerCorpus.Train(5).ToList();
        var path = _dir.File("bad.jsonl");
        Corpora.WriteJsonl(path, docs);
        // Break the first entity's end offset in the file itself: the reader or the trainer must refuse it, naming where.
        var lines = File.ReadAllLines(path);
        var node = JsonNode.Parse(lines[0])!;
        node["entities"]![0]!["end"] = 100000;
        lines[0] = node.ToJsonString();
        File.WriteAllLines(path, lines);

        var run = CliRunner.Run("train", "ner", "--train", path, "--out", _dir.File("m.zip"));
        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().MatchRegex("ATM10[23]|ATM401").And.Contain("bad.jsonl");
        File.Exists(_dir.File("m.zip")).Should().BeFalse();
    }

    [Fact]
    public void Train_ner_usage_errors_exit_2()
    {
        var train = Train();
        CliRunner.Run("train", "ner", "--train", train).ExitCode.Should().Be(2, "--out is required");
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--backend", "svm").ExitCode.Should().Be(2);
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--device", "cuda").ExitCode.Should().Be(2, "token-window is CPU only");
        CliRunner.Run("train", "ner", "--train", train, "--out", train).ExitCode.Should().Be(2, "the output would overwrite the input");
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--batch-size", "8").ExitCode.Should().Be(2, "token-window has no batches");
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--backend", "bilstm-crf", "--batch-size", "0").ExitCode.Should().Be(2);
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--encoder", "minilm2").ExitCode.Should().Be(2, "--encoder is for the transformer backend");
    }

    [Fact]
    public void Train_ner_time_limit_and_encoder_dropout_usage_errors_exit_2()
    {
        var train = Train();
        var tokenWindow = CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--time-limit", "5");
        tokenWindow.ExitCode.Should().Be(2, "token-window runs a fixed number of iterations");
        tokenWindow.Error.Should().Contain("--time-limit applies to bilstm-crf and transformer");
        CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--backend", "bilstm-crf", "--time-limit", "0").ExitCode.Should().Be(2);
        var bilstm = CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--backend", "bilstm-crf", "--encoder-dropout", "0");
        bilstm.ExitCode.Should().Be(2);
        bilstm.Error.Should().Contain("--encoder-dropout applies to --backend transformer only");
        var rate = CliRunner.Run("train", "ner", "--train", train, "--out", _dir.File("m.zip"), "--backend", "transformer", "--encoder-dropout", "1.5");
        rate.ExitCode.Should().Be(2);
        rate.Error.Should().Contain("--encoder-dropout must be in [0, 1)");
        File.Exists(_dir.File("m.zip")).Should().BeFalse();
    }

    [Fact]
    public void Train_ner_bilstm_crf_stops_before_an_epoch_that_would_end_past_the_time_limit()
    {
        var model = _dir.File("m.zip");
        var run = CliRunner.Run("train", "ner", "--train", Train(), "--dev", Held(), "--out", model, "--backend", "bilstm-crf",
            "--epochs", "5", "--threads", "1", "--time-limit", "0.0001");
        run.ExitCode.Should().Be(0, run.ToString());

        var package = ModelPackage.Open(model, ComponentCatalog.KnownKinds);
        var training = JsonNode.Parse(package.ReadText(ModelPackage.MetricsEntry)!)!["training"]!;
        training["stop_reason"]!.GetValue<string>().Should().Be("time limit");
        training["iterations"]!.GetValue<int>().Should().Be(1);
        JsonNode.Parse(package.ReadText(ModelPackage.TrainingOptionsEntry)!)!["options"]!["time_limit"]!.GetValue<string>().Should().StartWith("00:00:00.00");
    }

    [Fact]
    public void Train_ner_transformer_refuses_an_unknown_encoder_with_ATM401()
    {
        var run = CliRunner.Run("train", "ner", "--train", Train(), "--out", _dir.File("m.zip"), "--backend", "transformer", "--encoder", "no-such-encoder");
        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("ATM401").And.Contain("no-such-encoder");
    }

    [Fact]
    public void Evaluate_refuses_both_pred_and_model()
    {
        var held = Held();
        var run = CliRunner.Run("evaluate", "--gold", held, "--pred", held, "--model", _dir.File("m.zip"));
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("not both");
    }
}
