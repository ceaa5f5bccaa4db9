using Asclepius.TextMining.Encoders.Bert;
using Asclepius.TextMining.Encoders.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Relations.Transformer;

/// <summary>
/// Encoder (with BERT's dropout inside it while training) → the vectors of the head's and the tail's start markers, concatenated → dropout → linear scores per
/// relation label (NONE first). Registered names: "encoder.*", "output.*". Keeps no tensor of its own in a field and
/// makes no constant (marker vectors are gathered by index tensors that come with the batch), so device and dtype
/// moves are safe. Forward passes do not change the module: one instance serves concurrent inference calls.
/// </summary>
internal sealed class TransformerRelationNetwork : nn.Module
{
    private readonly BertEncoder _encoder;
    private readonly Linear _output;
    private readonly double _dropout;
    private readonly EncoderDropoutRates _encoderDropout;

    /// <param name="dropout">On the pair vector before the classifier.</param>
    /// <param name="encoderDropout">Inside the encoder (training only).</param>
    public TransformerRelationNetwork(BertEncoder encoder, int labels, double dropout, EncoderDropoutRates encoderDropout) : base("TransformerRelation")
    {
        _encoder = encoder;
        _output = nn.Linear(2 * encoder.Config.HiddenSize, labels);
        _dropout = dropout;
        _encoderDropout = encoderDropout;
        register_module("encoder", _encoder);
        register_module("output", _output);
    }

    public BertConfig Config => _encoder.Config;

    /// <summary>The encoder's parameters (the pretrained part) and the classifier's, for separate learning rates.</summary>
    public (Parameter[] Encoder, Parameter[] Head) ParameterGroups() => (_encoder.parameters().ToArray(), _output.parameters().ToArray());

    /// <summary>PyTorch's default for the classifier (uniform ±1/sqrt(fan_in)) from <paramref name="generator"/>.</summary>
    public void InitializeHead(Generator generator)
    {
        using var _ = torch.no_grad();
        var bound = 1.0 / Math.Sqrt(2 * Config.HiddenSize);
        foreach (var p in _output.parameters()) p.uniform_(-bound, bound, generator);
    }

    /// <summary>Label scores [B,K]. Dropout (in the encoder and before the classifier) only when a source is given (training).</summary>
    public Tensor Logits(PairBatch batch, DropoutSource? dropout)
    {
        var hidden = _encoder.Forward(batch.Input, dropout, _encoderDropout); // [B,P,H]
        return PairLogits(hidden, batch, dropout);
    }

    /// <summary>The head on top of the encoder's output [B,P,H]: start-marker vectors → dropout → label scores.</summary>
    internal Tensor PairLogits(Tensor hidden, PairBatch batch, DropoutSource? dropout)
    {
        var pair = torch.cat([Gather(hidden, batch.HeadMarker), Gather(hidden, batch.TailMarker)], 1); // [B,2H]
        return _output.call(dropout is null ? pair : dropout.Apply(pair, _dropout));
    }

    /// <summary>Mean cross-entropy of the gold labels.</summary>
    public Tensor Loss(Tensor logits, PairBatch batch) => nn.functional.cross_entropy(logits, batch.Labels);

    private static Tensor Gather(Tensor hidden, Tensor positions)
    {
        var index = positions.view(-1, 1, 1).expand(-1, 1, hidden.shape[2]);
        return hidden.gather(1, index).squeeze(1);
    }
}
