using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>A gold entity and the predicted entity matched to it (a true positive).</summary>
public sealed record EntityMatch(Entity Gold, Entity Predicted);
