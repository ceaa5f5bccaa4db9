using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Tests;

/// <summary>BERT's dropout inside the encoder: only with a dropout source (training), every rate wired, the same masks for a seed.</summary>
public sealed class EncoderDropoutTests
{
    private static readonly BertConfig Tiny = new() { VocabularySize = 50, HiddenSize = 16, Layers = 2, Heads = 4, IntermediateSize = 32, MaxPositions = 12 };

    private static Tensor Run(BertEncoder encoder, DropoutSource? source, EncoderDropoutRates rates)
    {
        using var ids = torch.tensor(new long[] { 2, 7, 9, 3, 0, 0, 2, 5, 6, 8, 11, 3 }, new long[] { 2, 6 });
        using var mask = torch.tensor(new long[] { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 }, new long[] { 2, 6 });
        using var types = torch.zeros(2, 6, ScalarType.Int64);
        return encoder.Forward(ids, mask, types, source, rates);
    }

    private static BertEncoder Encoder()
    {
        var encoder = new BertEncoder(Tiny);
        using var generator = new Generator(5);
        encoder.InitializeRandom(generator);
        return encoder;
    }

    [Fact]
    public void Without_a_source_or_with_zero_rates_the_output_is_the_plain_forward_pass()
    {
        using var encoder = Encoder();
        using var _ = torch.no_grad();
        using var plain = encoder.call(torch.tensor(new long[] { 2, 7, 9, 3, 0, 0, 2, 5, 6, 8, 11, 3 }, new long[] { 2, 6 }),
            torch.tensor(new long[] { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 }, new long[] { 2, 6 }), torch.zeros(2, 6, ScalarType.Int64));
        using var noSource = Run(encoder, null, EncoderDropoutRates.Of(Tiny));
        using var source = new DropoutSource(1);
        using var zero = Run(encoder, source, EncoderDropoutRates.None);

        noSource.allclose(plain, rtol: 0, atol: 0).Should().BeTrue("labeling passes no source: dropout never runs at inference");
        zero.allclose(plain, rtol: 0, atol: 0).Should().BeTrue("rate 0 draws nothing and changes nothing");
    }

    [Theory]
    [InlineData(0.1, 0.1)]
    [InlineData(0.3, 0.0)]
    [InlineData(0.0, 0.3)]
    public void Each_rate_changes_the_training_output_and_a_seed_gives_the_same_masks(double hidden, double attention)
    {
        using var encoder = Encoder();
        using var _ = torch.no_grad();
        var rates = new EncoderDropoutRates(hidden, attention);
        using var plain = Run(encoder, null, rates);
        using var first = new DropoutSource(7);
        using var second = new DropoutSource(7);
        using var other = new DropoutSource(8);
        using var a = Run(encoder, first, rates);
        using var b = Run(encoder, second, rates);
        using var c = Run(encoder, other, rates);

        a.allclose(plain, rtol: 0, atol: 0).Should().BeFalse("dropout inside the encoder ran");
        a.allclose(b, rtol: 0, atol: 0).Should().BeTrue("the same seed draws the same masks");
        a.allclose(c, rtol: 0, atol: 0).Should().BeFalse("another seed draws other masks");
    }

    [Fact]
    public void Config_json_carries_the_rates_and_a_file_without_them_reads_as_bert_defaults()
    {
        var config = Tiny with { HiddenDropout = 0.2, AttentionDropout = 0.05 };
        BertConfigJson.Read(BertConfigJson.Write(config), "encoder.json").Should().Be(config);

        var without = BertConfigJson.Write(Tiny).Replace("\"hidden_dropout_prob\"", "\"unused_a\"").Replace("\"attention_probs_dropout_prob\"", "\"unused_b\"");
        var read = BertConfigJson.Read(without, "encoder.json");
        (read.HiddenDropout, read.AttentionDropout).Should().Be((0.1, 0.1));

        var bad = () => BertConfigJson.Read(BertConfigJson.Write(Tiny with { AttentionDropout = 1.5 }), "config.json");
        bad.Should().Throw<InvalidDataException>().WithMessage("config.json: 'attention_probs_dropout_prob' must be a number in [0, 1)");
    }
}
