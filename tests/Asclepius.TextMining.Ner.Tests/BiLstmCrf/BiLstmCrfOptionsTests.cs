using Asclepius.TextMining.Ner.BiLstmCrf;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

/// <summary>
/// options.json as packages already on disk hold it must keep loading, and a retrained package must write it byte for
/// byte as before the fine-tuning options were shared (<see cref="BiLstmCrfOptions"/> derives its schedule keys from a shared
/// record; the JSON below is what main's build wrote into a package before that change).
/// </summary>
public sealed class BiLstmCrfOptionsTests
{
    private const string Written = """
        {
          "epochs": 2,
          "patience": 5,
          "time_limit": null,
          "batch_size": 16,
          "optimizer": "adam",
          "learning_rate": 0.002,
          "learning_rate_decay": 0.05,
          "dropout": 0.5,
          "singleton_unknown_rate": 0.5,
          "gradient_clip": 5,
          "word_dim": 100,
          "char_dim": 30,
          "char_filters": 50,
          "char_kernel": 3,
          "casing_dim": 8,
          "lexicon_folder": "data/lexicons",
          "lexicon_dim": 8,
          "hidden_size": 200,
          "max_token_chars": 24,
          "max_sentence_tokens": 250,
          "pretrained_embeddings": null,
          "max_vocabulary": 100000,
          "seed": 3,
          "threads": 2,
          "device": "cpu"
        }
        """;

    [Fact]
    public void Options_json_of_an_existing_package_loads_and_is_written_back_byte_identical() =>
        OptionsJsonChecks.LoadsAndWritesBack(Written, BiLstmCrfOptions.FromJson, o => o.ToJson(), new BiLstmCrfOptions { Epochs = 2, Patience = 5, Seed = 3, Threads = 2, LexiconFolder = "data/lexicons" });

    [Fact]
    public void An_unknown_key_lists_the_shared_keys_and_the_backend_own_keys() =>
        OptionsJsonChecks.UnknownKeyListsAllowedKeys(BiLstmCrfOptions.FromJson, "BiLSTM-CRF", "epochs", "patience", "hidden_size", "max_vocabulary", "seed", "threads");
}
