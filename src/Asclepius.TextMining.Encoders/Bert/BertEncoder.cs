using Asclepius.TextMining.Encoders.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>
/// A BERT-family encoder in TorchSharp: word + position + token-type embeddings → LayerNorm → N post-LayerNorm
/// layers (<see cref="BertLayer"/>); padding is kept out of attention by the mask. Output: the last hidden state
/// [B,T,H], what Hugging Face calls last_hidden_state. No pooler: token classification and entity-marker relation
/// heads use the token vectors. Weights come from a checkpoint (<see cref="Checkpoints.OnnxBertWeights"/>).
/// Like the BiLSTM-CRF network it keeps no tensor of its own in a field, so device and dtype moves are safe. Dropout
/// inside the encoder (<see cref="EncoderDropoutRates"/>) runs only when a trainer passes a dropout source.
/// </summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm embeddings_norm;
    private readonly ModuleList<BertLayer> layers;

    public BertEncoder(BertConfig config) : base("BertEncoder")
    {
        Config = config;
        word_embeddings = nn.Embedding(config.VocabularySize, config.HiddenSize);
        position_embeddings = nn.Embedding(config.MaxPositions, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabularySize, config.HiddenSize);
        embeddings_norm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <param name="inputIds">[B,T] word-piece ids.</param>
    /// <param name="attentionMask">[B,T] 1 on real pieces, 0 on padding (any integer or bool type).</param>
    /// <param name="tokenTypeIds">[B,T] segment ids (zeros for one text).</param>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds) =>
        Forward(inputIds, attentionMask, tokenTypeIds, null, EncoderDropoutRates.None);

    /// <summary><see cref="Forward(Tensor, Tensor, Tensor, DropoutSource?, EncoderDropoutRates)"/> of a built batch.</summary>
    public Tensor Forward(EncoderInput input, DropoutSource? dropout, EncoderDropoutRates rates) =>
        Forward(input.Ids, input.AttentionMask, input.TypeIds, dropout, rates);

    /// <summary>
    /// <see cref="forward"/> with BERT's dropout inside the encoder when <paramref name="dropout"/> is given (training):
    /// masks from that seeded CPU source, so a seed gives the same masks on every device.
    /// </summary>
    public Tensor Forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds, DropoutSource? dropout, EncoderDropoutRates rates)
    {
        using var scope = torch.NewDisposeScope();
        var t = inputIds.shape[1];
        if (t > Config.MaxPositions)
            throw new ArgumentException($"{t} word pieces exceed the encoder's {Config.MaxPositions} positions: cut the text into windows first");
        var positions = torch.arange(t, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var x = word_embeddings.call(inputIds) + position_embeddings.call(positions) + token_type_embeddings.call(tokenTypeIds);
        x = embeddings_norm.call(x);
        if (dropout is not null) x = dropout.Apply(x, rates.Hidden);
        // 0 where attended, −10000 on padding (BERT's value), added to every head's scores.
        var keep = attentionMask.to(x.dtype, x.device).unsqueeze(1).unsqueeze(2);
        var maskBias = (keep - 1).mul(10000.0);
        foreach (var layer in layers) x = layer.Forward(x, maskBias, dropout, rates);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// BERT's initialization from <paramref name="generator"/> (a CPU generator: deterministic for its seed): weights
    /// of embeddings and linear layers from N(0, 0.02), biases 0, LayerNorm scale 1 and shift 0. For an encoder trained
    /// from scratch (tests use tiny ones); a pretrained checkpoint overwrites all of it.
    /// </summary>
    public void InitializeRandom(Generator generator)
    {
        using var _ = torch.no_grad();
        foreach (var (name, p) in named_parameters())
        {
            var isNorm = name.Contains("norm", StringComparison.Ordinal);
            if (name.EndsWith(".bias", StringComparison.Ordinal)) p.zero_();
            else if (isNorm) p.fill_(1.0);
            else p.normal_(0, 0.02, generator);
        }
    }

    /// <summary>Registered parameter name → Hugging Face checkpoint name ("layers.0.query.weight" → "encoder.layer.0.attention.self.query.weight").</summary>
    public IReadOnlyDictionary<string, string> HuggingFaceNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in named_parameters())
        {
            var parts = name.Split('.');
            names[name] = parts[0] switch
            {
                "word_embeddings" or "position_embeddings" or "token_type_embeddings" => $"embeddings.{name}",
                "embeddings_norm" => $"embeddings.LayerNorm.{parts[1]}",
                "layers" => $"encoder.layer.{parts[1]}.{BertLayer.HuggingFaceNames[parts[2]]}.{parts[3]}",
                _ => throw new InvalidOperationException($"no checkpoint name for parameter '{name}'"),
            };
        }
        return names;
    }
}
