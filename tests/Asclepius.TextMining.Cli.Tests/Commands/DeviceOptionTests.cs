using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

/// <summary>`--device` on the commands that run a model: a device this machine lacks is a clear ATM402, never a crash.</summary>
[Collection(CliCollection.Name)]
public sealed class DeviceOptionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Model, string Notes) Inputs()
    {
        var lexicon = _dir.File("lexicon.tsv");
        File.WriteAllText(lexicon, "fever\tProblem\naspirin\tDrug\n");
        var model = _dir.File("m.zip");
        CliRunner.Run("dictionary", "--lexicon", lexicon, "--out", model).ExitCode.Should().Be(0);
        var notes = _dir.File("notes.jsonl");
        File.WriteAllText(notes, "{\"id\":\"n1\",\"text\":\"Fever after aspirin.\"}\n");
        return (model, notes);
    }

    [Fact]
    public void Cuda_without_cuda_fails_with_ATM402_and_an_unknown_device_is_refused()
    {
        var (model, notes) = Inputs();
        if (!TorchSharp.torch.cuda.is_available())
        {
            var label = CliRunner.Run("label", "--model", model, "--in", notes, "--out", _dir.File("o.jsonl"), "--device", "cuda");
            label.ExitCode.Should().Be(1, label.ToString());
            label.Error.Should().Contain("[ATM402]").And.Contain("CUDA is not available");
            File.Exists(_dir.File("o.jsonl")).Should().BeFalse();

            var evaluate = CliRunner.Run("evaluate", "--model", model, "--gold", notes, "--device", "cuda:0");
            evaluate.ExitCode.Should().Be(1, evaluate.ToString());
            evaluate.Error.Should().Contain("[ATM402]");
        }
        var unknown = CliRunner.Run("label", "--model", model, "--in", notes, "--out", _dir.File("o2.jsonl"), "--device", "gpu");
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.Error.Should().Contain("[ATM402]").And.Contain("unknown device 'gpu'");
    }

    [Fact]
    public void Device_cpu_labels_and_evaluate_records_the_device_and_refuses_it_without_a_model()
    {
        var (model, notes) = Inputs();
        CliRunner.Run("label", "--model", model, "--in", notes, "--out", _dir.File("o.jsonl"), "--device", "cpu").ExitCode.Should().Be(0);
        File.ReadAllText(_dir.File("o.jsonl")).Should().Contain("\"n1\"");

        var json = _dir.File("r.json");
        CliRunner.Run("evaluate", "--model", model, "--gold", notes, "--device", "cpu", "--json", json).ExitCode.Should().Be(0);
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!["model"]!["device"]!.GetValue<string>().Should().Be("cpu");

        CliRunner.Run("evaluate", "--pred", notes, "--gold", notes, "--device", "cpu").ExitCode.Should().Be(2, "--device applies to --model only");
    }
}
