using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>The gold and the predicted annotations of one document (same id, same text): spaCy's Example(predicted, reference).</summary>
public sealed record DocumentPair(AnnotatedDocument Gold, AnnotatedDocument Predicted)
{
    public string Id => Gold.Id;
}
