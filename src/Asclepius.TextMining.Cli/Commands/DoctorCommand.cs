using System.CommandLine;
using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Cli.Commands;

/// <summary>
/// `asclepius doctor [--device cpu|cuda[:N]]`: which libtorch this process loaded (path and version when known),
/// whether CUDA is usable, how many GPUs and their names; with --device, exit 1 ([ATM402]) when that device
/// is not usable here. For an operator checking a machine before `--device cuda`.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var device = new Option<string?>("--device")
        {
            Description = "Also check that this device is usable (cpu, cuda or cuda:N): exit 1 with [ATM402] when not.",
            HelpName = "cpu|cuda[:N]",
        };
        var command = new Command("doctor", "Show which libtorch is loaded, its version, whether CUDA is usable, and the GPUs.") { device };
        command.SetAction(parse => CommandAction.Run(() => Run(parse.GetValue(device))));
        return command;
    }

    private static int Run(string? device)
    {
        TorchRuntime runtime;
        try
        {
            runtime = TorchRuntime.Inspect();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // TorchSharp explains a failed native load at length; its first line says what is missing.
            Console.Error.WriteLine($"error: libtorch could not be loaded: {ex.GetType().Name}: {FirstLine(ex.GetBaseException().Message)}");
            return CliApp.Failed;
        }
        Console.WriteLine($"TorchSharp: {runtime.TorchSharpVersion} (built for libtorch {runtime.ExpectedLibtorchVersion})");
        Console.WriteLine($"libtorch: {runtime.LibtorchPath ?? "loaded, path unknown (no /proc/self/maps)"}");
        Console.WriteLine($"libtorch version: {runtime.LibtorchVersion ?? "unknown (no torch/version.py beside it; a NuGet libtorch is the version TorchSharp was built for)"}");
        Console.WriteLine(runtime.CudaAvailable
            ? $"CUDA: usable, {runtime.DeviceCount} device(s), cuDNN {(runtime.CudnnAvailable ? "available" : "not available")}"
            : runtime.CudaLibraryLoaded
                ? "CUDA: not usable (libtorch_cuda.so is loaded, but no GPU or driver answers)"
                : "CUDA: not usable (this libtorch has no CUDA: libtorch_cuda.so is not loaded; README, section \"GPU\")");
        if (runtime.GpuNames.Count == 0)
            Console.WriteLine($"GPUs: none found ({runtime.GpuNamesUnavailableReason ?? "NVML lists no device"})");
        for (var i = 0; i < runtime.GpuNames.Count; i++) Console.WriteLine($"GPU {i}: {runtime.GpuNames[i]}");
        if (device is not null)
        {
            TorchDevices.Resolve(device); // ATM402 when not usable
            Console.WriteLine($"device {device}: usable");
        }
        return CliApp.Ok;
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
