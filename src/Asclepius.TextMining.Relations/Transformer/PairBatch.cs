using Asclepius.TextMining.Encoders.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Padded pairs for one forward pass: the encoder's input (<see cref="EncoderInput"/>), HeadMarker and TailMarker [B]
/// (positions with [CLS] counted), Labels [B]. Create inside a dispose scope.
/// </summary>
internal sealed record PairBatch(EncoderInput Input, Tensor HeadMarker, Tensor TailMarker, Tensor Labels)
{
    public static PairBatch Build(IReadOnlyList<PairInput> pairs, int cls, int sep, int pad, Device device) => new(
        EncoderInput.Build(pairs.Select(x => (IReadOnlyList<int>)x.Pieces).ToArray(), cls, sep, pad, device),
        torch.tensor(pairs.Select(x => (long)x.HeadMarker + 1).ToArray(), device: device),
        torch.tensor(pairs.Select(x => (long)x.TailMarker + 1).ToArray(), device: device),
        torch.tensor(pairs.Select(x => (long)x.Label).ToArray(), device: device));
}
