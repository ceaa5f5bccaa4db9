using Asclepius.TextMining.Generation.Offline;

namespace Asclepius.TextMining.Cli.Quickstart;

/// <summary>What `asclepius quickstart` does; the defaults are the README's command.</summary>
public sealed record QuickstartOptions
{
    public const string DefaultSchema = "chemical-disease";

    /// <summary>Everything is written under this folder: generated/, model.zip, labels.jsonl.</summary>
    public string OutputDirectory { get; init; } = "quickstart";

    /// <summary>Synthetic documents to generate and train on.</summary>
    public int Count { get; init; } = 2_500;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// How the offline generator varies its documents (the share of note-shaped ones among them); the concept draw is
    /// weighted by how often real text names each concept, which raised BC5CDR dev on every seed and left the ADE and
    /// NegEx dev sets unchanged (docs/BENCHMARKS.md, "Real notes", fifth session).
    /// </summary>
    public OfflineGeneratorOptions Generator { get; init; } = new() { ConceptWeighting = new ConceptWeighting() };

    /// <summary>The data folder (schemas, lexicons, templates, samples); null: found beside the program or above it.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Notes to label: a folder of .txt files; null: the data folder's samples/.</summary>
    public string? NotesFolder { get; init; }

    /// <summary>Share of the generated documents held out to score the models (synthetic dev).</summary>
    public double DevShare { get; init; } = 0.1;

    /// <summary>Token-window L-BFGS iterations (the trainer splits them into rounds checked on the held-out documents).</summary>
    public int NerIterations { get; init; } = 100;

    /// <summary>
    /// Token-window outside penalty (taken off "O" before decoding); null: the trainer picks it on the held-out
    /// synthetic documents. Those score about 0.999 for every candidate, so the pick is a near-tie and varies with the
    /// seed (0 to 2), and it decides much of the model's precision on real text: at 2, BC5CDR dev fell by 0.014. 0.5 was
    /// chosen on the real-text dev sets over 0.25 and 1 (docs/BENCHMARKS.md, "Real notes", fifth session).
    /// </summary>
    public float? NerOutsidePenalty { get; init; } = 0.5f;

    /// <summary>Token-window feature hash size (2^bits weights per tag): the package stays small.</summary>
    public int NerHashBits { get; init; } = 18;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The package's "created" date; null: now. The command takes it from SOURCE_DATE_EPOCH so that a rebuild of the default model gives the same bytes.</summary>
    public DateTimeOffset? Created { get; init; }
}
