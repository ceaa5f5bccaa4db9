using Asclepius.TextMining.Cli.Infrastructure;
using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Cli.Training;

/// <summary>
/// The flags every epoch-trained backend takes on the command line (`train ner --backend bilstm-crf|transformer`,
/// `train re --backend transformer`), checked and mapped onto the backend's options in one place. A flag not given
/// (null) keeps the backend's default.
/// </summary>
public sealed record EpochTrainingFlags(int? Epochs, int? BatchSize, int? Threads, int Seed, string Device, double? TimeLimitMinutes)
{
    /// <summary>Refuses values no backend can train with (exit code 2).</summary>
    public void Validate()
    {
        if (Epochs is < 1) throw new UsageException("--epochs must be at least 1");
        if (Threads is < 1) throw new UsageException("--threads must be at least 1");
        if (BatchSize is < 1) throw new UsageException("--batch-size must be at least 1");
        if (TimeLimitMinutes is <= 0) throw new UsageException("--time-limit must be more than 0 minutes");
    }

    /// <summary>`--encoder-dropout` (transformer backends): a rate in [0, 1) when given.</summary>
    public static void ValidateEncoderDropout(double? rate)
    {
        if (rate is { } r && !(r >= 0 && r < 1)) throw new UsageException("--encoder-dropout must be in [0, 1)");
    }

    /// <summary><paramref name="defaults"/> with the flags given.</summary>
    public T ApplyTo<T>(T defaults) where T : EpochTrainingOptions => (T)((EpochTrainingOptions)defaults with
    {
        Epochs = Epochs ?? defaults.Epochs,
        BatchSize = BatchSize ?? defaults.BatchSize,
        Threads = Threads ?? defaults.Threads,
        Seed = Seed,
        Device = Device,
        TimeLimit = TimeLimitMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.TimeLimit,
    });
}
