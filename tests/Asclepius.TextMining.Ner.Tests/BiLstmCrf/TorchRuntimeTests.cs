using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

public sealed class TorchRuntimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-torchrt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void A_pytorch_libtorch_is_dated_by_the_version_file_of_its_torch_folder()
    {
        var lib = Directory.CreateDirectory(Path.Combine(_dir, "site-packages", "torch", "lib")).FullName;
        File.WriteAllText(Path.Combine(lib, "libtorch_cpu.so"), "");
        File.WriteAllText(Path.Combine(lib, "..", "version.py"),
            "from typing import Optional\n\n__all__ = ['__version__', 'debug', 'cuda']\n__version__ = '2.11.0+cu130'\ncuda: Optional[str] = '13.0'\n");
        TorchRuntime.VersionBeside(Path.Combine(lib, "libtorch_cpu.so")).Should().Be("2.11.0+cu130");

        var nuget = Directory.CreateDirectory(Path.Combine(_dir, "runtimes", "linux-x64", "native")).FullName;
        TorchRuntime.VersionBeside(Path.Combine(nuget, "libtorch_cpu.so")).Should().BeNull("a NuGet libtorch has no version file");
    }
}
