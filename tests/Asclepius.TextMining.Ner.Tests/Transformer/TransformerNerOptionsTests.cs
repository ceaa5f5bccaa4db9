using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Encoders.Bert;
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

    /// <summary>The key added since (encoder dropout): absent in that package, which was trained without it, so it reads back as 0.</summary>
    private static readonly string WithEncoderDropoutOff = Written.Replace("  \"dropout\": 0.1,\n", "  \"dropout\": 0.1,\n  \"encoder_dropout\": 0,\n");

    [Fact]
    public void Options_json_of_an_existing_package_loads_and_is_written_back_with_only_the_added_key() =>
        OptionsJsonChecks.LoadsAndWritesBack(Written, TransformerNerOptions.FromJson, o => o.ToJson(), new TransformerNerOptions { Epochs = 2, BatchSize = 4, Seed = 1, Threads = 1, EncoderDropout = 0 },
            WithEncoderDropoutOff);

    [Fact]
    public void An_unknown_key_lists_the_shared_keys_and_the_backend_own_keys() =>
        OptionsJsonChecks.UnknownKeyListsAllowedKeys(TransformerNerOptions.FromJson, "transformer", "encoder", "learning_rate", "window_pieces", "lexicon_dim",
            "propagate_in_document", "propagation_min_share", "seed", "device");

    /// <summary>
    /// Propagation in the document: absent from packages written before it (read as null: labeled without, as they were
    /// scored, and written back without the keys, above); a trained model's choice is written after the lexicon keys.
    /// </summary>
    [Fact]
    public void Propagation_keys_are_written_only_when_set_and_read_back()
    {
        var chosen = new TransformerNerOptions { PropagateInDocument = true, PropagationMinShare = 0.25 };
        var json = chosen.ToJson();
        json.Should().Contain("  \"lexicon_dim\": 8,\n  \"propagate_in_document\": true,\n  \"propagation_min_share\": 0.25,\n  \"seed\"");
        TransformerNerOptions.FromJson(json, "x").Should().Be(chosen);

        var off = new TransformerNerOptions { PropagateInDocument = false };
        off.ToJson().Should().Contain("\"propagate_in_document\": false").And.NotContain("propagation_min_share");
        new TransformerNerOptions().ToJson().Should().NotContain("propagat");

        var bad = () => (chosen with { PropagationMinShare = 1.5 }).Validate(512);
        bad.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("propagation min share must be in [0, 1]"));
    }

    [Fact]
    public void New_options_take_the_encoder_own_dropout_rates_and_refuse_a_rate_outside_0_to_1()
    {
        var options = new TransformerNerOptions();
        options.EncoderDropout.Should().BeNull();
        options.EncoderDropoutFor(BertConfig.MiniLmL6).Should().Be(new EncoderDropoutRates(0.1, 0.1));
        options.EncoderDropoutFor(BertConfig.MiniLmL6 with { AttentionDropout = 0 }).Should().Be(new EncoderDropoutRates(0.1, 0));
        (options with { EncoderDropout = 0.2 }).EncoderDropoutFor(BertConfig.MiniLmL6).Should().Be(new EncoderDropoutRates(0.2, 0.2));
        TransformerNerOptions.FromJson(options.ToJson(), "x").Should().Be(options, "a written null stays the encoder's rates");

        var bad = () => (options with { EncoderDropout = 1.0 }).Validate(512);
        bad.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.TrainingDataInvalid && e.Message.Contains("encoder dropout must be in [0, 1)"));
    }
}
