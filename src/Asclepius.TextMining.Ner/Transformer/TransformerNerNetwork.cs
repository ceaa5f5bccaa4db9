using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.BiLstmCrf;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Encoder (with BERT's dropout inside it while training) → the vector of each token's first word piece [‖ one lexicon-position embedding per lexicon, when the model
/// has lexicons] → dropout → linear emission scores per BILOU tag → CRF with
/// the scheme's constraints (<see cref="CrfTaggerNetwork"/>). Registered names: "encoder.*", "output.*", "transitions",
/// "start_transitions", "end_transitions", "lexicon_embedding.weight" (registered last, so a model without lexicons has
/// exactly the parameters, in the same order, that it had before lexicons existed). Like the BiLSTM-CRF network it keeps no tensor of its own in a field, so device and
/// dtype moves are safe. Forward passes do not change the module: one instance serves concurrent inference calls.
/// </summary>
internal sealed class TransformerNerNetwork : CrfTaggerNetwork
{
    private readonly BertEncoder _encoder;
    private readonly Linear _output;
    private readonly Embedding? _lexiconEmbedding;
    private readonly double _dropout;
    private readonly EncoderDropoutRates _encoderDropout;

    /// <param name="dropout">On the token vectors before the classifier.</param>
    /// <param name="encoderDropout">Inside the encoder (training only).</param>
    /// <param name="lexicons">Number of lexicons (0: no lexicon feature).</param>
    /// <param name="lexiconDim">Embedding size of one lexicon's match position.</param>
    public TransformerNerNetwork(BertEncoder encoder, IReadOnlyList<string> tags, double dropout, EncoderDropoutRates encoderDropout, int lexicons = 0, int lexiconDim = 8)
        : base("TransformerNer", tags)
    {
        _encoder = encoder;
        _output = nn.Linear(encoder.Config.HiddenSize + lexicons * lexiconDim, tags.Count);
        _dropout = dropout;
        _encoderDropout = encoderDropout;
        LexiconCount = lexicons;
        // Row 0: no match (padding row, stays zero); then B, I, L, U per lexicon.
        if (lexicons > 0) _lexiconEmbedding = nn.Embedding(1 + 4 * lexicons, lexiconDim, padding_idx: 0);
        register_module("encoder", _encoder);
        register_module("output", _output);
        RegisterCrf();
        if (_lexiconEmbedding is not null) register_module("lexicon_embedding", _lexiconEmbedding);
    }

    public BertConfig Config => _encoder.Config;

    /// <summary>The encoder's parameters (the pretrained part) and the rest (classifier and CRF), for separate learning rates.</summary>
    public (Parameter[] Encoder, Parameter[] Head) ParameterGroups()
    {
        var encoder = _encoder.parameters().ToArray();
        var head = _output.parameters().Concat(CrfParameters()).Concat(_lexiconEmbedding?.parameters() ?? []).ToArray();
        return (encoder, head);
    }

    /// <summary>
    /// PyTorch's default for the classifier (uniform ±1/sqrt(fan_in)) from <paramref name="generator"/>; CRF scores 0;
    /// the lexicon embedding uniform ±sqrt(3/dim) with its padding row 0 (as the BiLSTM-CRF's embeddings), drawn last.
    /// </summary>
    public void InitializeHead(Generator generator)
    {
        using var _ = torch.no_grad();
        var bound = 1.0 / Math.Sqrt(_output.weight!.shape[1]);
        foreach (var p in _output.parameters()) p.uniform_(-bound, bound, generator);
        foreach (var p in CrfParameters()) p.zero_();
        if (_lexiconEmbedding?.weight is { } lexicon)
        {
            var lexiconBound = Math.Sqrt(3.0 / lexicon.shape[1]);
            lexicon.uniform_(-lexiconBound, lexiconBound, generator);
            lexicon[0].zero_();
        }
    }

    /// <summary>Emission scores [B,T,K] of each window's tokens. Dropout (in the encoder and before the classifier) only when a source is given (training).</summary>
    public Tensor Emissions(WindowBatch batch, DropoutSource? dropout)
    {
        var hidden = _encoder.Forward(batch.Input, dropout, _encoderDropout); // [B,P,H]
        var index = batch.TokenPositions.unsqueeze(2).expand(-1, -1, hidden.shape[2]);
        var tokens = hidden.gather(1, index); // [B,T,H]
        if (_lexiconEmbedding is not null)
        {
            var lexicon = batch.Lexicon ?? throw new InvalidOperationException("the batch has no lexicon matches but the network was built with lexicons");
            tokens = torch.cat([tokens, _lexiconEmbedding.call(lexicon).view(tokens.shape[0], tokens.shape[1], -1)], 2); // [B,T,H+L·D]
        }
        return _output.call(dropout is null ? tokens : dropout.Apply(tokens, _dropout));
    }

    /// <summary>Summed negative log-likelihood of the gold tags of the batch.</summary>
    public Tensor LossSum(Tensor emissions, WindowBatch batch) => CrfLossSum(emissions, batch.Tags!, batch.TokenMask, batch.LastIndex);
}
