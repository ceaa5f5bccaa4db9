namespace Asclepius.TextMining.Core.Documents;

/// <summary>Where an annotation came from. Gold and predicted annotations are never mixed in one document.</summary>
public enum AnnotationSource
{
    Gold,
    Synthetic,
    Predicted,
}
