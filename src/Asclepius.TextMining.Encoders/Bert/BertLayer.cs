using Asclepius.TextMining.Encoders.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>
/// One post-LayerNorm transformer layer: x = LN(x + Wo·Attention(x)); x = LN(x + W2·GELU(W1·x)) (while fine-tuning,
/// BERT's dropout on the attention probabilities and on Wo's and W2's outputs). Registered names
/// follow Hugging Face's ("attention.self.query", "attention.output.dense", "attention.output.LayerNorm",
/// "intermediate.dense", "output.dense", "output.LayerNorm"), with dots as underscores inside one module level.
/// </summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly int _heads;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear attention_output;
    private readonly LayerNorm attention_norm;
    private readonly Linear intermediate;
    private readonly Linear output;
    private readonly LayerNorm output_norm;

    public BertLayer(BertConfig config) : base("BertLayer")
    {
        _heads = config.Heads;
        var h = config.HiddenSize;
        query = nn.Linear(h, h);
        key = nn.Linear(h, h);
        value = nn.Linear(h, h);
        attention_output = nn.Linear(h, h);
        attention_norm = nn.LayerNorm(h, config.LayerNormEps);
        intermediate = nn.Linear(h, config.IntermediateSize);
        output = nn.Linear(config.IntermediateSize, h);
        output_norm = nn.LayerNorm(h, config.LayerNormEps);
        RegisterComponents();
    }

    /// <param name="x">[B,T,H]</param>
    /// <param name="maskBias">[B,1,1,T]: 0 on real tokens, a large negative number on padding.</param>
    public override Tensor forward(Tensor x, Tensor maskBias) => Forward(x, maskBias, null, EncoderDropoutRates.None);

    /// <summary><see cref="forward"/> with BERT's hidden and attention-probability dropout when <paramref name="dropout"/> is given.</summary>
    public Tensor Forward(Tensor x, Tensor maskBias, DropoutSource? dropout, EncoderDropoutRates rates)
    {
        using var scope = torch.NewDisposeScope();
        var b = x.shape[0];
        var t = x.shape[1];
        var h = x.shape[2];
        var d = h / _heads;
        Tensor Split(Tensor y) => y.view(b, t, _heads, d).transpose(1, 2); // [B,heads,T,d]
        var q = Split(query.call(x));
        var k = Split(key.call(x));
        var v = Split(value.call(x));
        var scores = q.matmul(k.transpose(2, 3)).div(Math.Sqrt(d)) + maskBias;
        Tensor Drop(Tensor y, double rate) => dropout is null ? y : dropout.Apply(y, rate);
        var probabilities = Drop(scores.softmax(-1), rates.Attention);
        var context = probabilities.matmul(v).transpose(1, 2).reshape(b, t, h);
        var attended = attention_norm.call(x + Drop(attention_output.call(context), rates.Hidden));
        var hidden = nn.functional.gelu(intermediate.call(attended)); // exact (erf) GELU, as BERT and the MiniLM graph
        return output_norm.call(attended + Drop(output.call(hidden), rates.Hidden)).MoveToOuterDisposeScope();
    }

    /// <summary>The Hugging Face parameter name (after "encoder.layer.N.") of each registered one.</summary>
    public static readonly IReadOnlyDictionary<string, string> HuggingFaceNames = new Dictionary<string, string>
    {
        ["query"] = "attention.self.query",
        ["key"] = "attention.self.key",
        ["value"] = "attention.self.value",
        ["attention_output"] = "attention.output.dense",
        ["attention_norm"] = "attention.output.LayerNorm",
        ["intermediate"] = "intermediate.dense",
        ["output"] = "output.dense",
        ["output_norm"] = "output.LayerNorm",
    };
}
