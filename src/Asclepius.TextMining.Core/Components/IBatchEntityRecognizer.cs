using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Core.Components;

/// <summary>
/// An <see cref="IEntityRecognizer"/> that is faster on many documents at once (a neural network runs
/// the sentences of several documents in one batch). <see cref="RecognizeMany"/> must return, for each
/// document in input order, exactly what <see cref="IEntityRecognizer.Recognize"/> returns for it alone.
/// </summary>
public interface IBatchEntityRecognizer : IEntityRecognizer
{
    IReadOnlyList<IReadOnlyList<Entity>> RecognizeMany(IReadOnlyList<(Document Document, TokenizedText Tokens)> documents);
}
