using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Encoders.Training;
using Asclepius.TextMining.Ner.BiLstmCrf;

namespace Asclepius.TextMining.Ner.Training;

/// <summary>
/// The dev documents of an epoch-trained backend, tokenized once, with their gold spans as given (entities the
/// tokenizer cannot express stay in the gold set: honest recall), for the strict F1 that picks model-best.
/// </summary>
internal sealed class DevDocuments
{
    public DevDocuments(IReadOnlyList<AnnotatedDocument> dev)
    {
        var tokenizer = ClinicalTokenizer.Default;
        Input = dev.Select(d => (d.Document, tokenizer.Tokenize(d.Text))).ToArray();
        Gold = dev.SelectMany((d, i) => d.Entities.Select(e => (i, e.Span.Start, e.Span.End, e.Label))).ToArray();
    }

    public (Document Document, TokenizedText Tokens)[] Input { get; }
    public (int Doc, int Start, int End, string Label)[] Gold { get; }

    /// <summary>Strict scores of what <paramref name="recognize"/> finds in the dev documents; null without dev documents.</summary>
    public DevScore? Score(Func<(Document Document, TokenizedText Tokens)[], IReadOnlyList<IReadOnlyList<Entity>>> recognize)
    {
        if (Input.Length == 0) return null;
        var predicted = recognize(Input);
        var score = StrictScore.Compute(Gold, predicted.SelectMany((es, i) => es.Select(e => (i, e.Span.Start, e.Span.End, e.Label))));
        return new DevScore(score.F1, score.Precision, score.Recall);
    }
}
