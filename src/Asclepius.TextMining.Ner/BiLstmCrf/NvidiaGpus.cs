using System.Runtime.InteropServices;
using System.Text;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// GPU names from NVML (libnvidia-ml.so.1, installed with every NVIDIA driver), which TorchSharp 0.107 does
/// not expose. On a machine without the driver the library is missing and the reason is returned instead.
/// </summary>
internal static class NvidiaGpus
{
    private const string Library = "libnvidia-ml.so.1";
    private const int Success = 0;

    public static (IReadOnlyList<string> Names, string? Reason) Names()
    {
        try
        {
            var init = nvmlInit_v2();
            if (init != Success) return ([], $"NVML could not start (error {init})");
            try
            {
                var count = 0u;
                if (nvmlDeviceGetCount_v2(ref count) is var c and not Success) return ([], $"NVML could not count devices (error {c})");
                var names = new List<string>();
                for (var i = 0u; i < count; i++)
                {
                    var buffer = new byte[96];
                    var handle = IntPtr.Zero;
                    names.Add(nvmlDeviceGetHandleByIndex_v2(i, ref handle) == Success && nvmlDeviceGetName(handle, buffer, (uint)buffer.Length) == Success
                        ? Encoding.ASCII.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0)))
                        : "unknown");
                }
                return (names, null);
            }
            finally
            {
                nvmlShutdown();
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return ([], $"no NVIDIA driver library ({Library} not found)");
        }
    }

    [DllImport(Library)] private static extern int nvmlInit_v2();
    [DllImport(Library)] private static extern int nvmlShutdown();
    [DllImport(Library)] private static extern int nvmlDeviceGetCount_v2(ref uint count);
    [DllImport(Library)] private static extern int nvmlDeviceGetHandleByIndex_v2(uint index, ref IntPtr device);
    [DllImport(Library)] private static extern int nvmlDeviceGetName(IntPtr device, byte[] name, uint length);
}
