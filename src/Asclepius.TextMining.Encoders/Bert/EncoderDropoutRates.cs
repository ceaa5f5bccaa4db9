namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>
/// Dropout inside the encoder while fine-tuning, as BERT applies it: <see cref="Hidden"/> on the embeddings (after their
/// LayerNorm) and on each sub-layer's output projection (before its residual LayerNorm), <see cref="Attention"/>
/// on the attention probabilities. Never applied at inference.
/// </summary>
public readonly record struct EncoderDropoutRates(double Hidden, double Attention)
{
    public static EncoderDropoutRates None => new(0, 0);

    /// <summary>The encoder's own rates (config.json's hidden_dropout_prob and attention_probs_dropout_prob).</summary>
    public static EncoderDropoutRates Of(BertConfig config) => new(config.HiddenDropout, config.AttentionDropout);
}
