using System.Text;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Everything that decides what a token-window model computes. Saved with the model (features must be
/// rebuilt exactly as in training) and in training/options.json. Defaults are the measured choice on
/// BC5CDR dev (docs/BENCHMARKS.md); an option missing from an older file takes its default.
/// </summary>
public sealed record TokenWindowOptions
{
    public static readonly TokenWindowOptions Default = new();

    // Features
    /// <summary>Features are hashed into 2^HashBits weights per class.</summary>
    public int HashBits { get; init; } = 18;
    /// <summary>Neighbour words and shapes from -Window to +Window.</summary>
    public int Window { get; init; } = 2;
    public int AffixMin { get; init; } = 2;
    public int AffixMax { get; init; } = 4;
    /// <summary>Character n-gram sizes of the lower-cased word with boundary marks ("^as", "pir", "in$"); empty: none.</summary>
    public int[] CharNGrams { get; init; } = [3];
    public bool WordBigrams { get; init; } = true;
    /// <summary>Folder of lexicon .tsv files used at training time (recorded for provenance; the model carries the phrases).</summary>
    public string? LexiconFolder { get; init; }

    // Trainer
    public TokenWindowTrainerKind Trainer { get; init; } = TokenWindowTrainerKind.SdcaMaximumEntropy;
    public int Seed { get; init; } = 1;
    /// <summary>Training threads; null: the trainer's deterministic default (see TokenWindowTrainer).</summary>
    public int? Threads { get; init; }
    /// <summary>Passes (SDCA) or L-BFGS iterations; null: the trainer's default.</summary>
    public int? Iterations { get; init; }
    public float? L1 { get; init; }
    /// <summary>L-BFGS with a dev corpus: the iterations are split into this many rounds, each checked on dev (model-best / model-last).</summary>
    public int Rounds { get; init; } = 5;
    public float? L2 { get; init; }

    // Decoding
    /// <summary>
    /// Subtracted from the log-probability of "O" before Viterbi: a per-token classifier trained on
    /// mostly-O tokens under-predicts entities, and this trades precision for recall. Null when training
    /// with a dev corpus: the trainer picks the value with the best dev F1 and saves it with the model.
    /// </summary>
    public float? OutsidePenalty { get; init; }
    /// <summary>
    /// Mark the other occurrences of a predicted mention in the same document (one sense per document).
    /// Null when training with a dev corpus: chosen on dev with the outside penalty; false otherwise.
    /// </summary>
    public bool? PropagateInDocument { get; init; }

    public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(OptionsJson.Write(this));

    public JsonNode ToJsonNode() => OptionsJson.WriteNode(this);

    /// <summary>Reads saved options (<see cref="OptionsJson"/>: unknown keys are refused, listing the allowed ones) and checks their ranges.</summary>
    public static TokenWindowOptions FromJson(ReadOnlySpan<byte> json, string location) =>
        OptionsJson.Read<TokenWindowOptions>(Encoding.UTF8.GetString(json), location, "token-window").Validated(location);

    /// <summary>Checks ranges; throws ATM401 naming the option.</summary>
    public TokenWindowOptions Validated(string location = "options")
    {
        void Check(bool ok, string what)
        {
            if (!ok) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, what, location);
        }
        Check(HashBits is >= 10 and <= 24, $"hash_bits must be 10..24, not {HashBits}");
        Check(Window is >= 0 and <= 5, $"window must be 0..5, not {Window}");
        Check(AffixMin >= 1 && AffixMax >= AffixMin - 1 && AffixMax <= 8, $"affix sizes {AffixMin}..{AffixMax} are out of range (1..8)");
        Check(CharNGrams.All(n => n is >= 2 and <= 6), "char_n_grams sizes must be 2..6");
        Check(Threads is null or >= 1, "threads must be >= 1");
        Check(Iterations is null or >= 1, "iterations must be >= 1");
        Check(Rounds is >= 1 and <= 100, "rounds must be 1..100");
        Check(L1 is null or >= 0 && L2 is null or >= 0, "regularization must be >= 0");
        Check(OutsidePenalty is null or >= 0 and <= 20, "outside_penalty must be 0..20");
        return this;
    }
}
