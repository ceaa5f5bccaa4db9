namespace Asclepius.TextMining.Cli.Training;

/// <summary>What `asclepius train ner` was asked to do, options already parsed.</summary>
public sealed record NerTrainRequest(
    string Train,
    string? Dev,
    string? Test,
    string? Format,
    string Out,
    string Backend,
    int? Epochs,
    int Seed,
    string Device,
    int? Threads,
    string? Lexicons,
    string? Name,
    string? Schema,
    bool Lenient)
{
    public const string TokenWindow = "token-window";
    public const string BiLstmCrf = "bilstm-crf";
    public const string Transformer = "transformer";
    public static readonly string[] Backends = [TokenWindow, BiLstmCrf, Transformer];
    public const string MiniLm = "minilm";

    /// <summary>bilstm-crf and transformer: sentences / windows per optimizer step (null: the backend's default).</summary>
    public int? BatchSize { get; init; }

    /// <summary>transformer only: "minilm" or a Hugging Face BERT folder.</summary>
    public string Encoder { get; init; } = MiniLm;

    /// <summary>bilstm-crf and transformer: stop after the epoch that crosses this many minutes (null: no limit).</summary>
    public double? TimeLimitMinutes { get; init; }

    /// <summary>transformer only: dropout inside the encoder (null: the encoder's own rates).</summary>
    public double? EncoderDropout { get; init; }

    /// <summary>The flags the epoch-trained backends (bilstm-crf, transformer) share with `train re --backend transformer`.</summary>
    public EpochTrainingFlags Flags => new(Epochs, BatchSize, Threads, Seed, Device, TimeLimitMinutes);

    /// <summary>MODEL.zip → MODEL.last.zip, beside it.</summary>
    public string LastPath
    {
        get
        {
            var dir = Path.GetDirectoryName(Out) ?? "";
            var stem = Path.GetFileNameWithoutExtension(Out);
            var ext = Path.GetExtension(Out);
            return Path.Combine(dir, $"{stem}.last{(ext.Length == 0 ? ".zip" : ext)}");
        }
    }
}
