using Asclepius.TextMining.Cli.Tests.Support;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_names_the_loaded_libtorch_and_whether_cuda_is_usable()
    {
        var run = CliRunner.Run("doctor", "--device", "cpu");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("TorchSharp: 0.107").And.Contain("device cpu: usable").And.MatchRegex("CUDA: (usable|not usable)");
        var library = run.Out.Split('\n').Single(l => l.StartsWith("libtorch: ", StringComparison.Ordinal))["libtorch: ".Length..].Trim();
        File.Exists(library).Should().BeTrue($"doctor prints the path of the library it loaded ({library})");
        Path.GetFileName(library).Should().Be("libtorch_cpu.so");
    }

    [Fact]
    public void Doctor_with_an_unusable_device_exits_1_with_ATM402()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // about machines without CUDA
        var run = CliRunner.Run("doctor", "--device", "cuda");
        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("CUDA: not usable");
        run.Error.Should().Contain("[ATM402]");
    }
}
