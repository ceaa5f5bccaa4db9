using System.Reflection;
using TorchSharp;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// What libtorch this process runs on, for `asclepius doctor`: the library file that was loaded (from
/// /proc/self/maps: LD_LIBRARY_PATH can put a PyTorch's torch/lib ahead of the build's own copy), its version
/// when the folder says it (PyTorch's torch/version.py beside torch/lib), whether its CUDA part is loaded and
/// usable, and the GPUs. TorchSharp 0.107 has no call for a GPU's name, so names come from the NVIDIA driver's
/// NVML library (<see cref="NvidiaGpus"/>).
/// </summary>
public sealed record TorchRuntime(
    string TorchSharpVersion,
    string ExpectedLibtorchVersion,
    string? LibtorchPath,
    string? LibtorchVersion,
    bool CudaLibraryLoaded,
    bool CudaAvailable,
    int DeviceCount,
    bool CudnnAvailable,
    IReadOnlyList<string> GpuNames,
    string? GpuNamesUnavailableReason)
{
    /// <summary>Loads libtorch (if not yet) and describes it. Throws what TorchSharp throws when libtorch cannot load.</summary>
    public static TorchRuntime Inspect()
    {
        var cuda = torch.cuda.is_available(); // loads the native backend, trying CUDA first
        var count = cuda ? torch.cuda.device_count() : 0;
        var cudnn = cuda && torch.cuda.is_cudnn_available();
        var maps = MappedLibraries();
        var libtorch = maps.FirstOrDefault(p => Path.GetFileName(p) == "libtorch_cpu.so") ?? maps.FirstOrDefault(p => Path.GetFileName(p) == "libtorch.so");
        var (names, reason) = NvidiaGpus.Names();
        return new TorchRuntime(
            typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            torch.__version__,
            libtorch,
            libtorch is null ? null : VersionBeside(libtorch),
            maps.Any(p => Path.GetFileName(p) == "libtorch_cuda.so"),
            cuda,
            count,
            cudnn,
            names,
            reason);
    }

    /// <summary>PyTorch's torch/lib/libtorch_cpu.so has torch/version.py one folder up: "__version__ = '2.11.0+cu130'".</summary>
    internal static string? VersionBeside(string libraryPath)
    {
        var folder = Path.GetDirectoryName(libraryPath);
        var versionFile = folder is null ? null : Path.Combine(folder, "..", "version.py");
        if (versionFile is null || !File.Exists(versionFile)) return null;
        foreach (var line in File.ReadLines(versionFile))
        {
            var text = line.Trim();
            if (!text.StartsWith("__version__", StringComparison.Ordinal)) continue;
            var start = text.IndexOfAny(['\'', '"']);
            var end = start < 0 ? -1 : text.IndexOf(text[start], start + 1);
            if (end > start) return text[(start + 1)..end];
        }
        return null;
    }

    private static IReadOnlyList<string> MappedLibraries()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return [];
        // Each line ends with the mapped file's path when there is one.
        return File.ReadLines(maps)
            .Select(l => l.IndexOf('/') is var at and >= 0 ? l[at..] : null)
            .OfType<string>().Where(p => p.Contains(".so", StringComparison.Ordinal)).Distinct().ToArray();
    }
}
