namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>The ML.NET multiclass trainer behind a token-window model (see docs/BENCHMARKS.md for how the default was chosen).</summary>
public enum TokenWindowTrainerKind
{
    /// <summary>Stochastic dual coordinate ascent, maximum-entropy loss.</summary>
    SdcaMaximumEntropy,
    /// <summary>L-BFGS, maximum-entropy loss with L1 and L2 regularization.</summary>
    LbfgsMaximumEntropy,
}
