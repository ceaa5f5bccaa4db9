using Asclepius.TextMining.Encoders.Torch;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// The network: [word embedding ‖ character CNN (max over a token's characters) ‖ casing embedding
/// ‖ one lexicon-position embedding per lexicon, when the model has lexicons] →
/// dropout → one bidirectional LSTM layer (packed, so padding never leaks into a sentence) → dropout →
/// linear emission scores per BILOU tag → CRF (<see cref="LinearChainCrf"/>). Parameter names in
/// weights.bin are the registered names below ("word_embedding.weight", "transitions", ...).
/// Forward passes do not change the module, so one instance serves concurrent inference calls.
///
/// Device and dtype moves (<c>.to(cuda)</c>, <c>.to(float64)</c>, and <c>load</c> on a non-CPU module) replace
/// every parameter tensor; TorchSharp updates a C# field only when its name equals the registered name. So this class keeps no tensor of its own in a field:
/// submodules (whose own properties TorchSharp does update) are the only fields, and the CRF part
/// (<see cref="CrfTaggerNetwork"/>) reads its parameters by their registered names.
/// </summary>
internal sealed class BiLstmCrfNetwork : CrfTaggerNetwork
{
    private readonly Embedding _wordEmbedding;
    private readonly Embedding _casingEmbedding;
    private readonly Embedding _charEmbedding;
    private readonly Embedding? _lexiconEmbedding;
    private readonly Conv1d _charConv;
    private readonly LSTM _lstm;
    private readonly Linear _output;
    private readonly double _dropout;

    /// <param name="lexicons">Number of lexicons (0: no lexicon feature, the network of models trained without one).</param>
    public BiLstmCrfNetwork(int words, int chars, IReadOnlyList<string> tags, BiLstmCrfOptions o, int lexicons = 0) : base("BiLstmCrf", tags)
    {
        var k = tags.Count;
        _dropout = o.Dropout;
        _wordEmbedding = nn.Embedding(words, o.WordDim, padding_idx: BiLstmCrfVocabulary.Pad);
        _casingEmbedding = nn.Embedding(WordFeatures.CasingCount, o.CasingDim, padding_idx: 0);
        _charEmbedding = nn.Embedding(chars, o.CharDim, padding_idx: BiLstmCrfVocabulary.Pad);
        _charConv = nn.Conv1d(o.CharDim, o.CharFilters, o.CharKernel, padding: o.CharKernel / 2);
        LexiconCount = lexicons;
        // Row 0: no match (padding row, stays zero); then B, I, L, U per lexicon.
        if (lexicons > 0) _lexiconEmbedding = nn.Embedding(1 + 4 * lexicons, o.LexiconDim, padding_idx: 0);
        _lstm = nn.LSTM(o.WordDim + o.CharFilters + o.CasingDim + lexicons * o.LexiconDim, o.HiddenSize, batchFirst: true, bidirectional: true);
        _output = nn.Linear(2 * o.HiddenSize, k);

        register_module("word_embedding", _wordEmbedding);
        register_module("casing_embedding", _casingEmbedding);
        register_module("char_embedding", _charEmbedding);
        register_module("char_conv", _charConv);
        register_module("lstm", _lstm);
        register_module("output", _output);
        RegisterCrf();
        // Registered last, so a model without lexicons has exactly the parameters (and initial values) it had before.
        if (_lexiconEmbedding is not null) register_module("lexicon_embedding", _lexiconEmbedding);
    }

    /// <summary>Deterministic initialization from <paramref name="generator"/> (not the global torch RNG).</summary>
    public void Initialize(Generator generator)
    {
        using var _ = torch.no_grad();
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("embedding.weight", StringComparison.Ordinal))
            {
                var bound = Math.Sqrt(3.0 / p.shape[1]);
                p.uniform_(-bound, bound, generator);
                p[0].zero_(); // padding row
            }
            else if (name.StartsWith("lstm.", StringComparison.Ordinal))
            {
                var bound = 1.0 / Math.Sqrt(p.shape[0] / 4.0); // PyTorch's default: 1/sqrt(hidden)
                p.uniform_(-bound, bound, generator);
            }
            else if (IsCrfParameter(name))
            {
                p.zero_();
            }
            else
            {
                // Linear and Conv1d: PyTorch's default bound 1/sqrt(fan_in), weights and biases alike.
                var fanIn = name.StartsWith("char_conv", StringComparison.Ordinal)
                    ? _charConv.weight!.shape[1] * _charConv.weight.shape[2]
                    : _output.weight!.shape[1];
                var bound = 1.0 / Math.Sqrt(fanIn);
                p.uniform_(-bound, bound, generator);
            }
        }
    }

    /// <summary>Overwrites word vectors (rows <paramref name="ids"/>) with pretrained ones [N, WordDim].</summary>
    public void SetWordVectors(long[] ids, float[] vectors)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var weight = _wordEmbedding.weight!;
        var idTensor = torch.tensor(ids, device: weight.device);
        var values = torch.tensor(vectors, new long[] { ids.Length, weight.shape[1] }, device: weight.device);
        weight.index_copy_(0, idTensor, values);
    }

    /// <summary>Emission scores [B,T,K]. Dropout is applied only when a source is given (training).</summary>
    public Tensor Emissions(SentenceBatch batch, DropoutSource? dropout)
    {
        var b = batch.Words.shape[0];
        var t = batch.Words.shape[1];
        var w = batch.Chars.shape[2];
        var words = _wordEmbedding.call(batch.Words);
        var casing = _casingEmbedding.call(batch.Casing);
        var chars = _charEmbedding.call(batch.Chars.view(b * t, w)).permute(0, 2, 1);
        // Max over a token's own character positions only: padded positions (tokens shorter than the
        // longest in the batch) must not take part, or a token's features would depend on its batch-mates.
        var lengths = batch.CharLengths.view(b * t, 1);
        var outside = torch.arange(w, device: lengths.device).unsqueeze(0).ge(lengths).unsqueeze(1); // [BT,1,W]
        // Scalars are created and disposed explicitly: an implicitly converted one can be finalized by the
        // GC while the native call still reads it (TorchSharp 0.107), which crashed a training run at epoch 5.
        using var belowAny = (-1e4f).ToScalar();
        using var zero = 0f.ToScalar();
        using var noChars = 0L.ToScalar();
        var pooled = _charConv.call(chars).masked_fill(outside, belowAny).amax(new long[] { 2 }); // [BT,F]; -1e4: far below any convolution output, and safe in float arithmetic
        var charFeatures = pooled.masked_fill(lengths.eq(noChars), zero).view(b, t, -1);
        var features = new List<Tensor> { words, charFeatures, casing };
        if (_lexiconEmbedding is not null)
        {
            var lexicon = batch.Lexicon ?? throw new InvalidOperationException("the batch has no lexicon matches but the network was built with lexicons");
            features.Add(_lexiconEmbedding.call(lexicon).view(b, t, -1)); // [B,T,L,D] → [B,T,L·D]
        }
        var x = Dropout(torch.cat(features, 2), dropout);
        using var packed = nn.utils.rnn.pack_padded_sequence(x, batch.Lengths, batch_first: true, enforce_sorted: false);
        var (hidden, h, c) = _lstm.call(packed);
        using (hidden)
        {
            var (padded, _) = nn.utils.rnn.pad_packed_sequence(hidden, batch_first: true, total_length: t);
            return _output.call(Dropout(padded, dropout));
        }
    }

    /// <summary>Summed negative log-likelihood of the gold tags of the batch.</summary>
    public Tensor LossSum(Tensor emissions, SentenceBatch batch) => CrfLossSum(emissions, batch.Tags!, batch.Mask, batch.LastIndex);

    private Tensor Dropout(Tensor x, DropoutSource? source) => source is null ? x : source.Apply(x, _dropout);
}
