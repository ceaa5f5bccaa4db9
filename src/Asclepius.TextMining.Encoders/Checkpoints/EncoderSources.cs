using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Encoders.Checkpoints;

/// <summary>Turns what a user names with --encoder into an <see cref="EncoderSource"/>.</summary>
public static class EncoderSources
{
    public const string MiniLm = "minilm";

    /// <summary>
    /// "minilm" (the offline default) or a Hugging Face BERT folder (<see cref="HuggingFaceBertFolder"/>); anything else,
    /// or a folder that is not a usable checkpoint, is refused with ATM401 saying what is wrong and what is accepted.
    /// </summary>
    public static EncoderSource Resolve(string encoder)
    {
        if (encoder == MiniLm) return EncoderSource.MiniLm;
        if (!Directory.Exists(encoder))
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"unknown encoder '{encoder}': use minilm or a Hugging Face BERT folder (config.json, vocab.txt, model.safetensors or pytorch_model.bin)");
        try
        {
            return HuggingFaceBertFolder.Open(encoder);
        }
        catch (InvalidDataException ex)
        {
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, ex.Message, encoder, ex);
        }
    }
}
