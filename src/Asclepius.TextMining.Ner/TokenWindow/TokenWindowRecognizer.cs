using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Asclepius.TextMining.Core.Components;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Tagging;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Decoding;

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
    private readonly float _outsidePenalty;
    private readonly bool _propagate;

    [ThreadStatic] private static FeatureBuffer? t_buffer;
    [ThreadStatic] private static float[]? t_floats;
    [ThreadStatic] private static int[]? t_ints;

    internal TokenWindowRecognizer(TokenWindowModel model)
    {
        _model = model;
        _featurizer = new TokenWindowFeaturizer(model.Options, model.Lexicons);
        _viterbi = new ConstrainedViterbi(model.Tags, model.Scheme);
        _weights = model.Weights;
        _biases = model.Biases;
        _classes = model.Tags.Count;
        _outsidePenalty = model.Options.OutsidePenalty ?? 0f;
        _propagate = model.Options.PropagateInDocument ?? false;
    }

    public string Kind => TokenWindowModel.Kind;

    public IReadOnlyList<string> Produces => _model.Labels;

    public TokenWindowModel Model => _model;

    /// <summary>The component loader: rebuilds the recognizer from a verified package, refusing labels the schema lacks.</summary>
    public static TokenWindowRecognizer Load(ModelPackage package, PackageComponent component)
    {
        var model = TokenWindowModel.FromComponentFiles(package.ReadComponentFiles(component), $"{package.Path}!{component.Name}");
        package.CheckLabels(component, model.Labels);
        return model.CreateRecognizer();
    }

    public IReadOnlyList<Entity> Recognize(Document document, TokenizedText tokens)
    {
        var entities = new List<Entity>();
        foreach (var sentence in tokens.Sentences)
        {
            var n = sentence.Tokens.Count;
            if (n == 0) continue;
            var scores = new float[n * _classes];
            var path = new int[n];
            Score(sentence.Tokens, scores);
            Decode(scores, n, _outsidePenalty, path);
            AddEntities(sentence.Tokens, scores, path, entities);
        }
        return _propagate ? DocumentConsistency.Propagate(tokens, entities) : entities;
    }

    /// <summary>Tags for one sentence as indexes into <see cref="TokenWindowModel.Tags"/>; <paramref name="scores"/> gets the log-probabilities.</summary>
    public void TagSentence(IReadOnlyList<Token> sentence, Span<float> scores, Span<int> path)
    {
        Score(sentence, scores);
        Decode(scores, sentence.Count, _outsidePenalty, path);
    }

    /// <summary>Per-token log-probabilities of every tag, [token * C + tag], without the outside penalty.</summary>
    internal void Score(IReadOnlyList<Token> sentence, Span<float> scores)
    {
        var buffer = t_buffer ??= new FeatureBuffer();
        _featurizer.Featurize(sentence, buffer);
        var c = _classes;
        var chunks = (c + 7) / 8;
        Span<Vector256<float>> acc = stackalloc Vector256<float>[chunks];
        Span<float> sum = stackalloc float[chunks * 8];
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        for (var t = 0; t < sentence.Count; t++)
        {
            // Sum the weight rows of the token's features, 8 classes per vector. A row's last vector may
            // run into the next row (or the array's zero padding): those lanes are ignored.
            acc.Clear();
            foreach (var f in buffer.Of(t))
            {
                ref var row = ref Unsafe.Add(ref weights, (nint)f * c);
                for (var j = 0; j < chunks; j++) acc[j] += Vector256.LoadUnsafe(ref row, (nuint)(j * 8));
            }
            for (var j = 0; j < chunks; j++) acc[j].CopyTo(sum[(j * 8)..]);
            var s = scores.Slice(t * c, c);
            for (var k = 0; k < c; k++) s[k] = sum[k] + _biases[k];
            LogSoftmax(s);
        }
    }

    /// <summary>Constrained Viterbi with <paramref name="outsidePenalty"/> taken off "O" (tag 0); <paramref name="scores"/> is not changed.</summary>
    internal void Decode(ReadOnlySpan<float> scores, int tokens, float outsidePenalty, Span<int> path)
    {
        // Per-thread scratch: the penalized scores, then Viterbi's delta and back-pointers.
        var size = tokens * _classes;
        if (t_floats is null || t_floats.Length < 2 * size) t_floats = new float[Math.Max(2 * size, 4096)];
        if (t_ints is null || t_ints.Length < size) t_ints = new int[Math.Max(size, 2048)];
        var adjusted = t_floats.AsSpan(0, size);
        scores[..size].CopyTo(adjusted);
        for (var t = 0; t < tokens; t++) adjusted[t * _classes] -= outsidePenalty;
        _viterbi.Decode(adjusted, tokens, path, t_floats.AsSpan(size, size), t_ints.AsSpan(0, size));
    }

    /// <summary>Entities of a decoded sentence; an entity's score is its least confident token's probability.</summary>
    internal void AddEntities(IReadOnlyList<Token> sentence, ReadOnlySpan<float> scores, ReadOnlySpan<int> path, List<Entity> entities)
    {
        var tags = new string[sentence.Count];
        for (var t = 0; t < tags.Length; t++) tags[t] = _model.Tags[path[t]];
        foreach (var span in TagCodec.Decode(sentence, tags, _model.Scheme))
        {
            var min = 1.0;
            for (var t = span.FirstToken; t <= span.LastToken; t++)
                min = Math.Min(min, Math.Exp(scores[t * _classes + path[t]]));
            entities.Add(new Entity($"T{entities.Count + 1}", span.Span, span.Label, Math.Round(min, 4), Source: AnnotationSource.Predicted));
        }
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
