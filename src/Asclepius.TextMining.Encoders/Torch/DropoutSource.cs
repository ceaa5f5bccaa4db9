using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Torch;

/// <summary>
/// The one source of dropout randomness in training: keep-masks are drawn from a seeded generator that
/// lives on the CPU, then moved to the device of the tensor they meet. A generator created on a CUDA device
/// (<c>new Generator(seed, cuda)</c>) and sampled crashed the process with TorchSharp 0.107 on an H200, so none
/// is ever made there (a test scans this assembly for one). Side effect worth having: for a seed, the GPU sees
/// exactly the masks the CPU would. Not thread-safe: one per training worker.
/// </summary>
public sealed class DropoutSource : IDisposable
{
    private readonly Generator _generator;

    public DropoutSource(ulong seed) => _generator = new Generator(seed);

    /// <summary>Where the masks are drawn (always the CPU).</summary>
    public Device GeneratorDevice => _generator.device;

    /// <summary>
    /// <paramref name="x"/> with each element zeroed with probability <paramref name="rate"/> and the rest
    /// scaled by 1/(1−rate) (inverted dropout). The mask has <paramref name="x"/>'s device and dtype.
    /// </summary>
    public Tensor Apply(Tensor x, double rate)
    {
        if (rate <= 0) return x;
        using var rateScalar = rate.ToScalar(); // explicit scalars: see BiLstmCrfNetwork.Emissions
        using var keepRate = (1 - rate).ToScalar();
        using var drawn = torch.rand(x.shape, generator: _generator); // on the CPU, like the generator
        using var keep = drawn.ge(rateScalar);
        // Move the mask as bytes and widen it on the device: a quarter of the host-to-device copy of a float
        // mask, which matters for the encoder's attention-probability masks (batch × heads × length²).
        using var moved = keep.to(x.device);
        using var widened = moved.to_type(x.dtype);
        return (x * widened).div(keepRate);
    }

    public void Dispose() => _generator.Dispose();
}
