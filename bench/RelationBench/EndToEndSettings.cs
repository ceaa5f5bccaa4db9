namespace Asclepius.TextMining.Bench.Relations;

/// <summary>
/// What `pmidfolds-e2e` trains besides the pair classifier's options (key=value arguments; defaults = the original
/// token-window + pair-classifier run): ner=token-window|transformer|dev-best (dev-best trains both and keeps the one
/// with the better strict F1 on the fold's dev tenth), re=pair-classifier|transformer, ner_lexicons=DIR, the
/// transformers' epochs / batch sizes / libtorch threads, the transformer NER's ner_propagate=dev|on|off, and folds=1,3
/// (1-based) to run a stated subset of folds.
/// </summary>
internal sealed record EndToEndSettings
{
    public string Ner { get; init; } = "token-window";
    public string Re { get; init; } = "pair-classifier";
    public string? NerLexicons { get; init; }
    public int NerEpochs { get; init; } = 3;
    public int NerBatch { get; init; } = 16;
    public int ReEpochs { get; init; } = 2;
    public int ReBatch { get; init; } = 16;
    public int Threads { get; init; } = 1;
    /// <summary>Dropout inside the encoder for both transformers; null: the encoder's own rates (MiniLM 0.1), 0: off (the build before 0e63231).</summary>
    public double? EncoderDropout { get; init; }
    public IReadOnlyList<int>? Folds { get; init; }
    /// <summary>The transformer NER's propagation in the document: null (ner_propagate=dev, the trainer's default) chosen on the dev tenth; off reproduces the runs before it existed.</summary>
    public bool? NerPropagate { get; init; }

    static readonly string[] Keys = ["ner=", "re=", "ner_lexicons=", "ner_epochs=", "ner_batch=", "re_epochs=", "re_batch=", "threads=", "encoder_dropout=", "folds=", "ner_propagate="];

    /// <summary>Takes the end-to-end keys out of args (the rest are the pair classifier's options).</summary>
    public static (EndToEndSettings Settings, string[] Others) Parse(string[] args)
    {
        var s = new EndToEndSettings();
        var rest = new List<string>();
        foreach (var a in args)
        {
            var key = Keys.FirstOrDefault(k => a.StartsWith(k, StringComparison.Ordinal));
            if (key is null) { rest.Add(a); continue; }
            var v = a[key.Length..];
            s = key switch
            {
                "ner=" => s with { Ner = OneOf(v, "token-window", "transformer", "dev-best") },
                "re=" => s with { Re = OneOf(v, "pair-classifier", "transformer") },
                "ner_lexicons=" => s with { NerLexicons = v },
                "ner_epochs=" => s with { NerEpochs = int.Parse(v) },
                "ner_batch=" => s with { NerBatch = int.Parse(v) },
                "re_epochs=" => s with { ReEpochs = int.Parse(v) },
                "re_batch=" => s with { ReBatch = int.Parse(v) },
                "threads=" => s with { Threads = int.Parse(v) },
                "ner_propagate=" => s with { NerPropagate = OneOf(v, "dev", "on", "off") switch { "on" => true, "off" => false, _ => null } },
                "encoder_dropout=" => s with { EncoderDropout = double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) },
                _ => s with { Folds = v.Split(',').Select(int.Parse).ToArray() },
            };
        }
        return (s, rest.ToArray());
    }

    static string OneOf(string value, params string[] allowed) =>
        allowed.Contains(value) ? value : throw new ArgumentException($"'{value}' is not one of {string.Join(", ", allowed)}");
}
