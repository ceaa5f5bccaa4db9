using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// A fine-tuned network's weights as package bytes (TorchSharp's Module.save) in the <see cref="WeightStorage"/> dtype,
/// and back. Shared by every transformer component, so NER and relation packages store weights the same way.
/// </summary>
public static class ModuleWeights
{
    /// <summary>
    /// Module.save in the storage dtype. A float16 save converts the network there and back, which rounds its weights:
    /// a no-op on a model already rounded by <see cref="Round"/> (trainers round before their last dev score).
    /// </summary>
    public static byte[] Save(nn.Module module, WeightStorage storage)
    {
        using var stream = new MemoryStream();
        if (storage == WeightStorage.Float16)
        {
            module.to(ScalarType.Float16);
            try { module.save(stream); }
            finally { module.to(ScalarType.Float32); }
        }
        else
        {
            module.save(stream);
        }
        return stream.ToArray();
    }

    /// <summary>Loads bytes written by <see cref="Save"/> (every parameter must be there with its shape); the module ends in float32.</summary>
    public static void Load(nn.Module module, byte[] weights, WeightStorage storage)
    {
        if (storage == WeightStorage.Float16) module.to(ScalarType.Float16);
        using var stream = new MemoryStream(weights);
        try { module.load(stream, strict: true); }
        finally { module.to(ScalarType.Float32); }
    }

    /// <summary>Rounds the weights to what the package will store, so the model a trainer returns (and scores) is the saved one.</summary>
    public static void Round(nn.Module module, WeightStorage storage)
    {
        if (storage != WeightStorage.Float16) return;
        module.to(ScalarType.Float16);
        module.to(ScalarType.Float32);
    }
}
