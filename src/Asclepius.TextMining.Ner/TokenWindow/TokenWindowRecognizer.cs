using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Ner.TokenWindow;

/// <summary>
/// Labels tokens with a <see cref="TokenWindowModel"/>: features → per-class log-probabilities (softmax of
/// the linear scores) → constrained Viterbi per sentence → entities. Holds only read-only state; scratch
/// buffers are per thread, so one instance serves many threads at once.
/// </summary>
public sealed class TokenWindowRecognizer : IEntityRecognizer
{
    private readonly TokenWindowModel _model;
    private readonly TokenWindowFeaturizer _featurizer;
    private readonly ConstrainedViterbi _viterbi;
    private readonly float[] _weights;
    private readonly float[] _biases;
    private readonly int _classes;

    [ThreadStatic] private static FeatureBuffer? t_buffer;

    internal TokenWindowRecognizer(TokenWindowModel model)
    {
        _model = model;
        _featurizer = new TokenWindowFeaturizer(model.Options, model.Lexicons);
        _viterbi = new ConstrainedViterbi(model.Tags, model.Scheme);
        _weights = model.Weights;
        _biases = model.Biases;
        _classes = model.Tags.Count;
    }

    public string Kind => TokenWindowModel.Kind;

    public IReadOnlyList<string> Produces => _model.Labels;

    public TokenWindowModel Model => _model;

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens)
    {
        var entities = new List<Entity>();
        foreach (var sentence in tokens.Sentences)
        {
            var n = sentence.Tokens.Count;
            if (n == 0) continue;
            var scores = new float[n * _classes];
            var path = new int[n];
            TagSentence(sentence.Tokens, scores, path);
            var tags = new string[n];
            for (var t = 0; t < n; t++) tags[t] = _model.Tags[path[t]];
            foreach (var span in TagCodec.Decode(sentence.Tokens, tags, _model.Scheme))
            {
                // Score: the least confident token of the chunk (probability of the tag Viterbi chose).
                var min = 1.0;
                for (var t = span.FirstToken; t <= span.LastToken; t++)
                    min = Math.Min(min, Math.Exp(scores[t * _classes + path[t]]));
                entities.Add(new Entity($"T{entities.Count + 1}", span.Span, span.Label, Math.Round(min, 4), Source: AnnotationSource.Predicted));
            }
        }
        return entities;
    }

    /// <summary>Tags for one sentence as indexes into <see cref="TokenWindowModel.Tags"/>; <paramref name="scores"/> gets the log-probabilities.</summary>
    public void TagSentence(IReadOnlyList<Token> sentence, Span<float> scores, Span<int> path)
    {
        var buffer = t_buffer ??= new FeatureBuffer();
        _featurizer.Featurize(sentence, buffer);
        var c = _classes;
        for (var t = 0; t < sentence.Count; t++)
        {
            var s = scores.Slice(t * c, c);
            _biases.CopyTo(s);
            foreach (var f in buffer.Of(t))
            {
                var w = _weights.AsSpan(f * c, c);
                for (var k = 0; k < c; k++) s[k] += w[k];
            }
            LogSoftmax(s);
        }
        _viterbi.Decode(scores, sentence.Count, path);
    }

    private static void LogSoftmax(Span<float> s)
    {
        var max = float.NegativeInfinity;
        foreach (var v in s) if (v > max) max = v;
        var sum = 0.0;
        foreach (var v in s) sum += Math.Exp(v - max);
        var log = max + (float)Math.Log(sum);
        for (var k = 0; k < s.Length; k++) s[k] -= log;
    }
}
