using Asclepius.TextMining.Encoders.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Tests;

/// <summary>A tiny random encoder: shapes, padding independence, and device/dtype moves (no MiniLM needed).</summary>
public sealed class BertEncoderTests
{
    private static readonly BertConfig Tiny = new() { VocabularySize = 50, HiddenSize = 16, Layers = 2, Heads = 4, IntermediateSize = 32, MaxPositions = 12 };

    [Fact]
    public void A_sentence_gets_the_same_vectors_alone_and_padded_beside_a_longer_one()
    {
        torch.manual_seed(3);
        using var encoder = new BertEncoder(Tiny);
        encoder.eval();
        using var _ = torch.no_grad();
        using var alone = encoder.call(torch.tensor(new long[] { 2, 7, 9, 3 }).unsqueeze(0), torch.ones(1, 4, ScalarType.Int64), torch.zeros(1, 4, ScalarType.Int64));
        using var ids = torch.tensor(new long[] { 2, 7, 9, 3, 0, 0, 2, 5, 6, 8, 11, 3 }, new long[] { 2, 6 });
        using var mask = torch.tensor(new long[] { 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1 }, new long[] { 2, 6 });
        using var batched = encoder.call(ids, mask, torch.zeros(2, 6, ScalarType.Int64));
        batched.shape.Should().Equal(2, 6, 16);
        batched[0].narrow(0, 0, 4).allclose(alone[0], rtol: 0, atol: 1e-5).Should().BeTrue("padding is masked out of attention");
    }

    [Fact]
    public void After_a_dtype_round_trip_every_parameter_is_moved_and_the_output_is_unchanged()
    {
        torch.manual_seed(4);
        using var encoder = new BertEncoder(Tiny);
        encoder.eval();
        using var _ = torch.no_grad();
        using var ids = torch.tensor(new long[] { 2, 7, 9, 3 }).unsqueeze(0);
        using var mask = torch.ones(1, 4, ScalarType.Int64);
        using var types = torch.zeros(1, 4, ScalarType.Int64);
        using var before = encoder.call(ids, mask, types);

        // Moves replace most parameter tensors (a stale reference would fail here); the forward pass follows them.
        encoder.to(ScalarType.Float64);
        encoder.parameters().Where(p => p.dtype != ScalarType.Float64).Should().BeEmpty();
        using (var wide = encoder.call(ids, mask, types)) wide.dtype.Should().Be(ScalarType.Float64);
        encoder.to(ScalarType.Float32);
        using var after = encoder.call(ids, mask, types);
        after.allclose(before, rtol: 0, atol: 1e-6).Should().BeTrue();
        encoder.HuggingFaceNames().Values.Should().Contain("encoder.layer.1.attention.output.LayerNorm.weight").And.Contain("embeddings.LayerNorm.bias");
    }

    [Fact]
    public void More_pieces_than_positions_is_refused()
    {
        using var encoder = new BertEncoder(Tiny);
        var act = () => encoder.call(torch.zeros(1, 13, ScalarType.Int64), torch.ones(1, 13, ScalarType.Int64), torch.zeros(1, 13, ScalarType.Int64));
        act.Should().Throw<ArgumentException>().WithMessage("*13 word pieces exceed*12*");
    }
}
