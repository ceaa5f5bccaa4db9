using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Decoding;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Picks the decoding settings (outside penalty, in-document propagation) with the best strict dev F1.
/// The classifier's scores do not depend on them, so they are computed once per dev sentence and only
/// Viterbi and the post-processing run per candidate.
/// </summary>
internal sealed class OutsidePenaltyTuner
{
    public static readonly float[] Candidates = [0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 2f, 2.5f, 3f];

    private readonly TokenWindowRecognizer _recognizer;
    private readonly IReadOnlyList<AnnotatedDocument> _gold;
    private readonly (TokenizedText Tokens, (Sentence Sentence, float[] Scores)[] Sentences)[] _scored;

    public OutsidePenaltyTuner(TokenWindowRecognizer recognizer, IReadOnlyList<AnnotatedDocument> gold, CancellationToken ct)
    {
        _recognizer = recognizer;
        _gold = gold;
        var classes = recognizer.Model.Tags.Count;
        _scored = gold.AsParallel().AsOrdered().WithCancellation(ct).Select(d =>
        {
            var tokens = ClinicalTokenizer.Default.Tokenize(d.Text);
            return (tokens, tokens.Sentences.Where(s => s.Tokens.Count > 0).Select(s =>
            {
                var scores = new float[s.Tokens.Count * classes];
                recognizer.Score(s.Tokens, scores);
                return (s, scores);
            }).ToArray());
        }).ToArray();
    }

    public EvaluationResult Evaluate(float penalty, bool propagate)
    {
        var pairs = new DocumentPair[_gold.Count];
        Parallel.For(0, _gold.Count, i =>
        {
            var entities = new List<Entity>();
            foreach (var (sentence, scores) in _scored[i].Sentences)
            {
                var path = new int[sentence.Tokens.Count];
                _recognizer.Decode(scores, sentence.Tokens.Count, penalty, path);
                _recognizer.AddEntities(sentence.Tokens, scores, path, entities);
            }
            if (propagate) entities = DocumentConsistency.Propagate(_scored[i].Tokens, entities);
            pairs[i] = new DocumentPair(_gold[i], new AnnotatedDocument(_gold[i].Document, entities));
        });
        return CorpusEvaluator.Evaluate(pairs);
    }

    /// <summary>
    /// The best setting (ties: the smaller penalty, then no propagation) among the candidates; a given
    /// value (not null) is kept as it is.
    /// </summary>
    public (float Penalty, bool Propagate, EvaluationResult Scores) Best(float? penalty, bool? propagate)
    {
        (float, bool, EvaluationResult)? best = null;
        foreach (var pr in propagate is { } fixedPropagate ? [fixedPropagate] : new[] { false, true })
            foreach (var p in penalty is { } fixedPenalty ? [fixedPenalty] : Candidates)
            {
                var r = Evaluate(p, pr);
                if (best is null || r.Entities.Strict.Micro.F1 > best.Value.Item3.Entities.Strict.Micro.F1) best = (p, pr, r);
            }
        return best!.Value;
    }
}
