namespace Asclepius.TextMining.Worker.Options;

/// <summary>Section "Model": the package the worker labels with, reloaded when the file changes.</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    /// <summary>Path of the model package (.zip), relative to the working directory.</summary>
    public string Package { get; set; } = "models/dictionary-baseline.zip";

    /// <summary>Watch the file and swap in a new package once it verifies (the old one stays if it does not).</summary>
    public bool Reload { get; set; } = true;

    /// <summary>
    /// Where BiLSTM-CRF models run: "cpu", "cuda" or "cuda:N". A package cannot load ([ATM402] in the log, the
    /// previous model stays) when CUDA is asked for and this machine or build has none.
    /// </summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Quiet time after the last change before the new file is read (a copy in progress fires many events).</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Also check size and time of the file this often, for file systems whose change events are lost.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
