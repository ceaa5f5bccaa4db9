namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// What a trainer reports while it works, for a progress display. <see cref="Stage"/>: "prepare",
/// "featurize", "train", "evaluate", "done". Iteration counts are the backend's own (epochs, L-BFGS
/// rounds); <see cref="Loss"/> and <see cref="DevF1"/> are null when not known at this point.
/// </summary>
public sealed record NerTrainingProgress(
    string Stage,
    int Iteration,
    int TotalIterations,
    double? Loss,
    double? DevF1,
    double? BestDevF1,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    string? Message = null);
