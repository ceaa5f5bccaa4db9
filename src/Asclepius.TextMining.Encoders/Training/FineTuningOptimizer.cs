using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Training;

/// <summary>
/// The optimizer every encoder fine-tuning shares: AdamW with two parameter groups (the pretrained encoder at a low
/// rate with decoupled weight decay; the new layers on top at a higher rate without), the <see cref="WarmupDecay"/>
/// schedule over all steps of all epochs, and gradient-norm clipping.
/// </summary>
public sealed class FineTuningOptimizer : IDisposable
{
    private readonly OptimizerHelper _optimizer;
    private readonly Parameter[] _all;
    private readonly double[] _peaks;
    private readonly double _clip;
    private readonly int _totalSteps;
    private readonly int _warmup;
    private int _step;

    public FineTuningOptimizer(Parameter[] encoder, Parameter[] head, double learningRate, double headLearningRate, double weightDecay,
        double gradientClip, int totalSteps, double warmupFraction)
    {
        _optimizer = optim.AdamW(
            [new AdamW.ParamGroup(encoder, learningRate, weight_decay: weightDecay), new AdamW.ParamGroup(head, headLearningRate, weight_decay: 0)],
            learningRate);
        _all = encoder.Concat(head).ToArray();
        _peaks = [learningRate, headLearningRate];
        _clip = gradientClip;
        _totalSteps = Math.Max(1, totalSteps);
        _warmup = (int)Math.Round(_totalSteps * warmupFraction);
    }

    /// <summary>One step on <paramref name="loss"/>: rates from the schedule, backward, clip, update. Returns the loss value.</summary>
    public float Step(Tensor loss)
    {
        var scale = Scale(_step++, _warmup, _totalSteps);
        var g = 0;
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = _peaks[g++] * scale;
        _optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(_all, _clip);
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>The share of the peak rates at <paramref name="step"/> (0-based).</summary>
    internal static double Scale(int step, int warmupSteps, int totalSteps) =>
        step < warmupSteps
            ? (step + 1.0) / (warmupSteps + 1)
            : Math.Max(0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));

    public void Dispose() => _optimizer.Dispose();
}
