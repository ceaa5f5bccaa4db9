using Asclepius.TextMining.Core.Tagging;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// The BILOU scheme's constraints on a linear-chain CRF, shared by the networks that end in one (BiLSTM-CRF,
/// transformer): 0 where the scheme allows a move, <see cref="Forbidden"/> where not. Kept as plain arrays and
/// turned into tensors on the device and dtype of the emissions they meet, so a network holding one has no tensor
/// that a device move could leave behind.
/// </summary>
internal sealed class BilouCrfMasks
{
    /// <summary>Score of a forbidden move: large enough to never win, finite so gradients stay finite.</summary>
    public const float Forbidden = -10000f;

    private readonly float[] _transition; // [K·K] (from·K + to)
    private readonly float[] _start;
    private readonly float[] _end;

    public BilouCrfMasks(IReadOnlyList<string> tags)
    {
        var k = tags.Count;
        TagCount = k;
        _transition = new float[k * k];
        _start = new float[k];
        _end = new float[k];
        for (var i = 0; i < k; i++)
        {
            _start[i] = TagCodec.IsValidStart(tags[i], TagScheme.Bilou) ? 0 : Forbidden;
            _end[i] = TagCodec.IsValidEnd(tags[i], TagScheme.Bilou) ? 0 : Forbidden;
            for (var j = 0; j < k; j++)
                _transition[i * k + j] = TagCodec.IsValidTransition(tags[i], tags[j], TagScheme.Bilou) ? 0 : Forbidden;
        }
    }

    public int TagCount { get; }

    /// <summary>The learned scores plus the masks, the masks made on the device and in the dtype of <paramref name="emissions"/>.</summary>
    public (Tensor Transitions, Tensor Start, Tensor End) Constrain(Tensor transitions, Tensor start, Tensor end, Tensor emissions)
    {
        var k = TagCount;
        Tensor Mask(float[] values, params long[] shape) => torch.tensor(values, shape, dtype: emissions.dtype, device: emissions.device);
        return (transitions + Mask(_transition, k, k), start + Mask(_start, k), end + Mask(_end, k));
    }

    /// <summary>CRF scores with forbidden moves at −∞, on the CPU, for <see cref="ConstrainedViterbi"/>.</summary>
    public CrfWeights Weights(Tensor transitions, Tensor start, Tensor end)
    {
        using var _ = torch.no_grad();
        float[] Copy(Tensor learned, float[] mask)
        {
            using var detached = learned.detach();
            using var onCpu = detached.to(ScalarType.Float32, torch.CPU); // whatever device and dtype the network is on now
            var values = onCpu.data<float>().ToArray();
            for (var i = 0; i < values.Length; i++) if (mask[i] < 0) values[i] = float.NegativeInfinity;
            return values;
        }
        return new CrfWeights(TagCount, Copy(transitions, _transition), Copy(start, _start), Copy(end, _end));
    }
}
