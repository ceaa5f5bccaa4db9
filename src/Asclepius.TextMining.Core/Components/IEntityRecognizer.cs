using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Components;

/// <summary>
/// Finds entities in a tokenized document. Implementations are immutable after loading and safe to call
/// from many threads at once. Returned entities carry <see cref="AnnotationSource.Predicted"/>.
/// </summary>
public interface IEntityRecognizer
{
    /// <summary>The versioned component kind, e.g. "Ner.TokenWindow.v1".</summary>
    string Kind { get; }

    /// <summary>The entity labels this recognizer produces.</summary>
    IReadOnlyList<string> Produces { get; }

    IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens);
}
