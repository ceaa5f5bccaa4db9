using System.CommandLine;

namespace Asclepius.TextMining.Cli.Infrastructure;

/// <summary>`--device cpu|cuda|cuda:N` for the commands that run a model, with one description.</summary>
public static class DeviceOption
{
    /// <param name="prefix">Says when the option applies, e.g. "With --model: ".</param>
    public static Option<string?> Create(string prefix) => new("--device")
    {
        Description = prefix + "where BiLSTM-CRF and transformer models run: cpu (default), cuda or cuda:N. Other components run on the CPU; " +
            "cuda needs a CUDA libtorch (README, section \"GPU\"; `asclepius doctor` checks a machine) and fails with [ATM402] without one.",
        HelpName = "cpu|cuda[:N]",
    };
}
