using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Contracts;

/// <summary>
/// One call's worth of work: how many samples to ask for, and a seed that makes the call reproducible.
/// A generator that calls a model reports every call's tokens to <see cref="Usage"/>.
/// </summary>
public sealed record GenerationRequest(LabelSchema Schema, int Count, int Seed, long BatchIndex, IUsageSink? Usage = null);
