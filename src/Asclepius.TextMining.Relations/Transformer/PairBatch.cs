using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Padded pairs for one forward pass: Ids / AttentionMask / TypeIds [B,P] ([CLS] pieces [SEP] then [PAD]), HeadMarker
/// and TailMarker [B] (positions with [CLS] counted), Labels [B]. Create inside a dispose scope.
/// </summary>
internal sealed class PairBatch
{
    private PairBatch(Tensor ids, Tensor attentionMask, Tensor typeIds, Tensor headMarker, Tensor tailMarker, Tensor labels)
    {
        Ids = ids;
        AttentionMask = attentionMask;
        TypeIds = typeIds;
        HeadMarker = headMarker;
        TailMarker = tailMarker;
        Labels = labels;
    }

    public Tensor Ids { get; }
    public Tensor AttentionMask { get; }
    public Tensor TypeIds { get; }
    public Tensor HeadMarker { get; }
    public Tensor TailMarker { get; }
    public Tensor Labels { get; }

    public static PairBatch Build(IReadOnlyList<PairInput> pairs, int cls, int sep, int pad, Device device)
    {
        var b = pairs.Count;
        var p = pairs.Max(x => x.Pieces.Length) + 2;
        var ids = new long[b * p];
        Array.Fill(ids, pad);
        var attention = new long[b * p];
        var head = new long[b];
        var tail = new long[b];
        var labels = new long[b];
        for (var i = 0; i < b; i++)
        {
            var x = pairs[i];
            ids[i * p] = cls;
            for (var j = 0; j < x.Pieces.Length; j++) ids[i * p + 1 + j] = x.Pieces[j];
            ids[i * p + 1 + x.Pieces.Length] = sep;
            for (var j = 0; j < x.Pieces.Length + 2; j++) attention[i * p + j] = 1;
            head[i] = x.HeadMarker + 1;
            tail[i] = x.TailMarker + 1;
            labels[i] = x.Label;
        }
        return new PairBatch(
            torch.tensor(ids, new long[] { b, p }, device: device),
            torch.tensor(attention, new long[] { b, p }, device: device),
            torch.zeros(new long[] { b, p }, ScalarType.Int64, device: device),
            torch.tensor(head, device: device),
            torch.tensor(tail, device: device),
            torch.tensor(labels, device: device));
    }
}
