using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Ner.Packaging;

namespace Asclepius.TextMining.Cli.Training;

/// <summary>
/// A trained backend, ready to package: the best-on-dev model (or the only one), and the last iteration's
/// when the backend iterates and it differs. <see cref="History"/>: one object per iteration
/// ({"iteration", "loss", "dev_f1", ...}), the curve `evaluate --report` draws. <see cref="Resources"/>:
/// what to dispose when done (a TorchSharp model).
/// </summary>
public sealed record NerTrainOutcome(
    NerPackageRequest Best,
    IEntityRecognizer BestRecognizer,
    NerPackageRequest? Last,
    JsonArray History,
    string? Note = null,
    IDisposable? Resources = null);
