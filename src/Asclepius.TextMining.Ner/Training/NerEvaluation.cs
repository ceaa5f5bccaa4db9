using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// Scores a recognizer on gold documents with Core's evaluation (the same strict/lenient definitions
/// as `asclepius evaluate`), so dev F1 during training and metrics.json agree with the CLI.
/// </summary>
public static class NerEvaluation
{
    /// <summary>Predicts every document's text (gold annotations unseen) in parallel and scores it.</summary>
    public static EvaluationResult Evaluate(IEntityRecognizer recognizer, IReadOnlyList<AnnotatedDocument> gold, CancellationToken cancellationToken = default)
    {
        var predicted = Predict(recognizer, gold, cancellationToken);
        return CorpusEvaluator.Evaluate(gold.Zip(predicted, (g, p) => new DocumentPair(g, p)).ToList());
    }

    public static IReadOnlyList<AnnotatedDocument> Predict(IEntityRecognizer recognizer, IReadOnlyList<AnnotatedDocument> documents, CancellationToken cancellationToken = default) =>
        documents.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(d => new AnnotatedDocument(d.Document, recognizer.Recognize(d.Document, ClinicalTokenizer.Default.Tokenize(d.Text))))
            .ToList();
}
