using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Picks the outside penalty with the best strict dev F1. The classifier's scores do not depend on the
/// penalty, so they are computed once per dev sentence and only Viterbi runs per candidate.
/// </summary>
internal sealed class OutsidePenaltyTuner
{
    public static readonly float[] Candidates = [0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 2f, 2.5f, 3f];

    private readonly TokenWindowRecognizer _recognizer;
    private readonly IReadOnlyList<AnnotatedDocument> _gold;
    private readonly (Sentence Sentence, float[] Scores)[][] _scored;

    public OutsidePenaltyTuner(TokenWindowRecognizer recognizer, IReadOnlyList<AnnotatedDocument> gold, CancellationToken ct)
    {
        _recognizer = recognizer;
        _gold = gold;
        var classes = recognizer.Model.Tags.Count;
        _scored = gold.AsParallel().AsOrdered().WithCancellation(ct).Select(d =>
            ClinicalTokenizer.Default.Tokenize(d.Text).Sentences.Where(s => s.Tokens.Count > 0).Select(s =>
            {
                var scores = new float[s.Tokens.Count * classes];
                recognizer.Score(s.Tokens, scores);
                return (s, scores);
            }).ToArray()).ToArray();
    }

    public EvaluationResult Evaluate(float penalty)
    {
        var pairs = new DocumentPair[_gold.Count];
        Parallel.For(0, _gold.Count, i =>
        {
            var entities = new List<Entity>();
            foreach (var (sentence, scores) in _scored[i])
            {
                var path = new int[sentence.Tokens.Count];
                _recognizer.Decode(scores, sentence.Tokens.Count, penalty, path);
                _recognizer.AddEntities(sentence.Tokens, scores, path, entities);
            }
            pairs[i] = new DocumentPair(_gold[i], new AnnotatedDocument(_gold[i].Document, entities));
        });
        return CorpusEvaluator.Evaluate(pairs);
    }

    /// <summary>The best candidate (ties: the smaller penalty) and its scores.</summary>
    public (float Penalty, EvaluationResult Scores) Best()
    {
        (float, EvaluationResult)? best = null;
        foreach (var p in Candidates)
        {
            var r = Evaluate(p);
            if (best is null || r.Entities.Strict.Micro.F1 > best.Value.Item2.Entities.Strict.Micro.F1) best = (p, r);
        }
        return best!.Value;
    }
}
