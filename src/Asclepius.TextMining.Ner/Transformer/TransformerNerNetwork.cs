using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Torch;
using Asclepius.TextMining.Ner.BiLstmCrf;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Transformer;

/// <summary>
/// Encoder → the vector of each token's first word piece → dropout → linear emission scores per BILOU tag → CRF with
/// the scheme's constraints (<see cref="BilouCrfMasks"/>). Registered names: "encoder.*", "output.*", "transitions",
/// "start_transitions", "end_transitions". Like the BiLSTM-CRF network it keeps no tensor of its own in a field (the
/// CRF parameters are read by their registered names, the masks are made where the emissions are), so device and
/// dtype moves are safe. Forward passes do not change the module: one instance serves concurrent inference calls.
/// </summary>
internal sealed class TransformerNerNetwork : nn.Module
{
    private const string TransitionsName = "transitions";
    private const string StartName = "start_transitions";
    private const string EndName = "end_transitions";

    private readonly BertEncoder _encoder;
    private readonly Linear _output;
    private readonly BilouCrfMasks _masks;
    private readonly double _dropout;

    public TransformerNerNetwork(BertEncoder encoder, IReadOnlyList<string> tags, double dropout) : base("TransformerNer")
    {
        _encoder = encoder;
        _output = nn.Linear(encoder.Config.HiddenSize, tags.Count);
        _masks = new BilouCrfMasks(tags);
        _dropout = dropout;
        register_module("encoder", _encoder);
        register_module("output", _output);
        register_parameter(TransitionsName, nn.Parameter(torch.zeros(tags.Count, tags.Count)));
        register_parameter(StartName, nn.Parameter(torch.zeros(tags.Count)));
        register_parameter(EndName, nn.Parameter(torch.zeros(tags.Count)));
    }

    public BertConfig Config => _encoder.Config;

    /// <summary>The encoder's parameters (the pretrained part) and the rest (classifier and CRF), for separate learning rates.</summary>
    public (Parameter[] Encoder, Parameter[] Head) ParameterGroups()
    {
        var encoder = _encoder.parameters().ToArray();
        var head = _output.parameters().Concat(new[] { Registered(TransitionsName), Registered(StartName), Registered(EndName) }).ToArray();
        return (encoder, head);
    }

    /// <summary>PyTorch's default for the classifier (uniform ±1/sqrt(fan_in)) from <paramref name="generator"/>; CRF scores 0.</summary>
    public void InitializeHead(Generator generator)
    {
        using var _ = torch.no_grad();
        var bound = 1.0 / Math.Sqrt(Config.HiddenSize);
        foreach (var p in _output.parameters()) p.uniform_(-bound, bound, generator);
        foreach (var name in new[] { TransitionsName, StartName, EndName }) Registered(name).zero_();
    }

    /// <summary>Emission scores [B,T,K] of each window's tokens. Dropout only when a source is given (training).</summary>
    public Tensor Emissions(WindowBatch batch, DropoutSource? dropout)
    {
        var hidden = _encoder.call(batch.Ids, batch.AttentionMask, batch.TypeIds); // [B,P,H]
        var index = batch.TokenPositions.unsqueeze(2).expand(-1, -1, hidden.shape[2]);
        var tokens = hidden.gather(1, index); // [B,T,H]
        return _output.call(dropout is null ? tokens : dropout.Apply(tokens, _dropout));
    }

    /// <summary>Summed negative log-likelihood of the gold tags of the batch.</summary>
    public Tensor LossSum(Tensor emissions, WindowBatch batch) =>
        LinearChainCrf.NegativeLogLikelihoodSum(emissions, batch.Tags!, batch.TokenMask, batch.LastIndex, ConstrainedScores(emissions));

    /// <summary>CRF scores with forbidden moves at −∞, on the CPU, for <see cref="ConstrainedViterbi"/>.</summary>
    public CrfWeights CrfWeights() => _masks.Weights(Registered(TransitionsName), Registered(StartName), Registered(EndName));

    internal (Tensor Transitions, Tensor Start, Tensor End) ConstrainedScores(Tensor emissions) =>
        _masks.Constrain(Registered(TransitionsName), Registered(StartName), Registered(EndName), emissions);

    private Parameter Registered(string name) =>
        get_parameter(name) ?? throw new InvalidOperationException($"parameter '{name}' is not registered");
}
