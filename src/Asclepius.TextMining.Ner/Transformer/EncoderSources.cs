using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Encoders.Checkpoints;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>Turns what a user names with --encoder into an <see cref="EncoderSource"/>.</summary>
public static class EncoderSources
{
    public const string MiniLm = "minilm";

    /// <summary>"minilm" (the offline default); anything else is refused with ATM401 saying what is accepted.</summary>
    public static EncoderSource Resolve(string encoder) => encoder switch
    {
        MiniLm => EncoderSource.MiniLm,
        _ => throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"unknown encoder '{encoder}': use minilm"),
    };
}
