using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>
/// What a <see cref="BertEncoder"/> reads for a batch of word-piece sequences: Ids [B,P] ([CLS] pieces [SEP], then
/// [PAD] up to the longest), AttentionMask [B,P] (1 on [CLS], pieces and [SEP]) and TypeIds [B,P] (zeros: one text).
/// Sequence i's piece j sits at position j + 1. Create inside a dispose scope.
/// </summary>
public sealed record EncoderInput(Tensor Ids, Tensor AttentionMask, Tensor TypeIds)
{
    public static EncoderInput Build(IReadOnlyList<IReadOnlyList<int>> sequences, int cls, int sep, int pad, Device device)
    {
        var b = sequences.Count;
        var p = sequences.Max(s => s.Count) + 2;
        var ids = new long[b * p];
        Array.Fill(ids, pad);
        var attention = new long[b * p];
        for (var i = 0; i < b; i++)
        {
            var pieces = sequences[i];
            ids[i * p] = cls;
            for (var j = 0; j < pieces.Count; j++) ids[i * p + 1 + j] = pieces[j];
            ids[i * p + 1 + pieces.Count] = sep;
            for (var j = 0; j < pieces.Count + 2; j++) attention[i * p + j] = 1;
        }
        return new EncoderInput(
            torch.tensor(ids, new long[] { b, p }, device: device),
            torch.tensor(attention, new long[] { b, p }, device: device),
            torch.zeros(new long[] { b, p }, ScalarType.Int64, device: device));
    }
}
