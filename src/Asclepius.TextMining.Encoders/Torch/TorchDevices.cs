using Asclepius.TextMining.Core.Errors;
using TorchSharp;

namespace Asclepius.TextMining.Encoders.Torch;

/// <summary>Turns "cpu" / "cuda" / "cuda:N" into a torch device, failing clearly when CUDA is not there.</summary>
public static class TorchDevices
{
    /// <summary>The libtorch runtime package that makes CUDA available (TorchSharp 0.107.0 pairs with libtorch 2.10.0).</summary>
    public const string CudaPackage = "libtorch-cuda-12.8-linux-x64";

    public static void CheckName(string device)
    {
        if (!IsValidName(device))
            throw new TextMiningException(ErrorCodes.DeviceUnavailable, $"unknown device '{device}'; use cpu, cuda or cuda:N");
    }

    /// <summary>"cpu", "cuda" or "cuda:N" (N ≥ 0); says nothing about whether the device is there.</summary>
    public static bool IsValidName(string? device) =>
        device is "cpu" or "cuda"
        || (device is not null && device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out var n) && n >= 0);

    /// <summary>The device to run on. Throws ATM402 when CUDA is asked for and this build or machine has none.</summary>
    public static torch.Device Resolve(string device) => Resolve(device, torch.cuda.is_available);

    internal static torch.Device Resolve(string device, Func<bool> cudaAvailable)
    {
        CheckName(device);
        if (device == "cpu") return torch.CPU;
        if (!cudaAvailable())
            throw new TextMiningException(ErrorCodes.DeviceUnavailable,
                $"device '{device}' was requested but CUDA is not available (torch.cuda.is_available() is false). " +
                $"This build references libtorch-cpu-linux-x64, which has no GPU support: reference {CudaPackage} instead of " +
                "libtorch-cpu-linux-x64 in src/Asclepius.TextMining.Ner/Asclepius.TextMining.Ner.csproj (and its version in " +
                "Directory.Packages.props), rebuild, and run on a machine with an NVIDIA driver; see README, section \"GPU\". " +
                "Or use --device cpu.");
        return new torch.Device(device);
    }
}
