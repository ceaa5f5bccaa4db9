using Asclepius.TextMining.Ner.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.Transformer;

/// <summary>
/// options.json as packages already on disk hold it must keep loading, and a retrained package must write it byte for
/// byte as before the fine-tuning options were shared (<see cref="TransformerNerOptions"/> derives its schedule keys from a shared
/// record; the JSON below is what main's build wrote into a package before that change).
/// </summary>
public sealed class TransformerNerOptionsTests
{
    private const string Written = """
        {
          "encoder": "minilm",
          "epochs": 2,
          "patience": 2,
          "time_limit": null,
          "batch_size": 4,
          "learning_rate": 5E-05,
          "head_learning_rate": 0.001,
          "warmup_fraction": 0.1,
          "weight_decay": 0.01,
          "dropout": 0.1,
          "gradient_clip": 1,
          "window_pieces": 254,
          "window_overlap": 64,
          "max_pieces_per_token": 16,
          "weight_storage": "float16",
          "lexicon_folder": null,
          "lexicon_dim": 8,
          "seed": 1,
          "threads": 1,
          "device": "cpu"
        }
        """;

    [Fact]
    public void Options_json_of_an_existing_package_loads_and_is_written_back_byte_identical() =>
        OptionsJsonChecks.LoadsAndWritesBack(Written, TransformerNerOptions.FromJson, o => o.ToJson(), new TransformerNerOptions { Epochs = 2, BatchSize = 4, Seed = 1, Threads = 1 });

    [Fact]
    public void An_unknown_key_lists_the_shared_keys_and_the_backend_own_keys() =>
        OptionsJsonChecks.UnknownKeyListsAllowedKeys(TransformerNerOptions.FromJson, "transformer", "encoder", "learning_rate", "window_pieces", "lexicon_dim", "seed", "device");
}
