using Asclepius.TextMining.Relations.Transformer;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Relations.Tests.Transformer;

/// <summary>
/// options.json as packages already on disk hold it must keep loading, and a retrained package must write it byte for
/// byte as before the fine-tuning options were shared (<see cref="TransformerRelationOptions"/> derives its schedule keys from a shared
/// record; the JSON below is what main's build wrote into a package before that change).
/// </summary>
public sealed class TransformerRelationOptionsTests
{
    private const string Written = """
        {
          "encoder": "minilm",
          "sentence_window": 0,
          "document_level": false,
          "aggregation": "max",
          "top_k": 2,
          "threshold": 0.1,
          "epochs": 2,
          "patience": 2,
          "time_limit": null,
          "batch_size": 8,
          "learning_rate": 5E-05,
          "head_learning_rate": 0.001,
          "warmup_fraction": 0.1,
          "weight_decay": 0.01,
          "dropout": 0.1,
          "gradient_clip": 1,
          "max_pieces": 256,
          "weight_storage": "float16",
          "seed": 1,
          "threads": 1,
          "device": "cpu"
        }
        """;

    /// <summary>The key added since (encoder dropout): absent in that package, which was trained without it, so it reads back as 0.</summary>
    private static readonly string WithEncoderDropoutOff = Written.Replace("  \"dropout\": 0.1,\n", "  \"dropout\": 0.1,\n  \"encoder_dropout\": 0,\n");

    [Fact]
    public void Options_json_of_an_existing_package_loads_and_is_written_back_with_only_the_added_key() =>
        OptionsJsonChecks.LoadsAndWritesBack(Written, TransformerRelationOptions.FromJson, o => o.ToJson(), new TransformerRelationOptions { DocumentLevel = false, Threshold = 0.1f, Epochs = 2, BatchSize = 8, Seed = 1, Threads = 1, EncoderDropout = 0 },
            WithEncoderDropoutOff);

    [Fact]
    public void An_unknown_key_lists_the_shared_keys_and_the_backend_own_keys() =>
        OptionsJsonChecks.UnknownKeyListsAllowedKeys(TransformerRelationOptions.FromJson, "transformer relation", "sentence_window", "threshold", "max_pieces", "head_learning_rate", "weight_storage", "device");
}
