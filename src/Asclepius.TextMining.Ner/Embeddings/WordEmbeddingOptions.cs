namespace Asclepius.TextMining.Ner.Embeddings;

/// <summary>Skip-gram with negative sampling (word2vec) over unlabeled text.</summary>
public sealed record WordEmbeddingOptions
{
    public int Dim { get; init; } = 100;
    /// <summary>Maximum distance between a word and a context word (the actual window is drawn from 1..Window per word).</summary>
    public int Window { get; init; } = 5;
    /// <summary>Noise words per (word, context) pair, drawn from unigram counts^0.75.</summary>
    public int Negatives { get; init; } = 5;
    /// <summary>Rarer words are left out (the NER model learns them from labeled data or its characters).</summary>
    public int MinCount { get; init; } = 2;
    public int Epochs { get; init; } = 5;
    public int BatchSize { get; init; } = 4096;
    public double LearningRate { get; init; } = 0.003;
    /// <summary>Frequent words are dropped with probability 1 − sqrt(t / frequency) (word2vec's subsampling).</summary>
    public double Subsample { get; init; } = 1e-4;
    public int Seed { get; init; } = 42;
    public int Threads { get; init; } = 1;
}
