namespace Asclepius.TextMining.Encoders.Training;

/// <summary>The fine-tuning learning-rate schedule: linear warm-up to the peak rate, then linear decay to 0 at the last step.</summary>
public static class WarmupDecay
{
    /// <summary>The share of the peak rate at <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double Scale(int step, int warmupSteps, int totalSteps) =>
        step < warmupSteps
            ? (step + 1.0) / (warmupSteps + 1)
            : Math.Max(0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));
}
