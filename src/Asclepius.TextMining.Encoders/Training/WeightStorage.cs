namespace Asclepius.TextMining.Encoders.Training;

/// <summary>How a transformer model's weights are stored in its package.</summary>
public enum WeightStorage
{
    /// <summary>Half precision: half the size (MiniLM: 45 MB instead of 91 MB); the model is rounded to it when training ends, so what labels is what was scored.</summary>
    Float16,
    Float32,
}
