namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// What the trainer reports while it works, for a progress display. <see cref="Stage"/>: "prepare", "train".
/// <see cref="Loss"/> and <see cref="DevF1"/> are null when not known at this point.
/// </summary>
public sealed record TransformerRelationProgress(string Stage, int Epoch, int Epochs, double? Loss, double? DevF1, double? BestDevF1, TimeSpan Elapsed, TimeSpan? Remaining, string? Message = null);
