using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Encoders.Training;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Everything that shapes a BiLSTM-CRF model and its training. Saved with the model (options.json) so a
/// package records how it was made; the network dimensions are read back when the model is loaded. Threads are
/// data-parallel workers, each computing the gradient of its share of every batch on its own replica of the network
/// (libtorch itself runs one intra-op thread: this network's matrices are small, and OpenMP threads waiting for each
/// other at every operation made an epoch 17× slower on a loaded 2-core machine; see README, section "BiLSTM-CRF").
/// </summary>
public sealed record BiLstmCrfOptions : EpochTrainingOptions
{
    /// <summary>30 epochs at most (early stopping usually ends sooner), patience 5.</summary>
    public BiLstmCrfOptions() : base(epochs: 30, patience: 5)
    {
    }

    public BiLstmCrfOptimizer Optimizer { get; init; } = BiLstmCrfOptimizer.Adam;
    public double LearningRate { get; init; } = 0.002;
    /// <summary>SGD only: lr_t = lr / (1 + decay · epoch).</summary>
    public double LearningRateDecay { get; init; } = 0.05;
    public double Dropout { get; init; } = 0.5;
    /// <summary>A word seen once in training is replaced by the unknown word with this probability, so the unknown vector learns something.</summary>
    public double SingletonUnknownRate { get; init; } = 0.5;
    /// <summary>Global gradient-norm clip.</summary>
    public double GradientClip { get; init; } = 5.0;
    public int WordDim { get; init; } = 100;
    public int CharDim { get; init; } = 30;
    public int CharFilters { get; init; } = 50;
    public int CharKernel { get; init; } = 3;
    public int CasingDim { get; init; } = 8;
    /// <summary>
    /// Folder of lexicon .tsv files (data/lexicons layout) whose longest-match positions become a token
    /// feature; null: no lexicon feature. Recorded for provenance only: the model carries the phrases
    /// (lexicons.json), so labeling never reads this folder.
    /// </summary>
    public string? LexiconFolder { get; init; }
    /// <summary>Embedding size of one lexicon's BILOU match position (one such vector per lexicon, concatenated).</summary>
    public int LexiconDim { get; init; } = 8;
    /// <summary>Hidden units per LSTM direction.</summary>
    public int HiddenSize { get; init; } = 200;
    /// <summary>Characters kept per token (longer tokens keep their first and last halves).</summary>
    public int MaxTokenChars { get; init; } = 24;
    /// <summary>Longer sentences are cut into pieces of at most this many tokens.</summary>
    public int MaxSentenceTokens { get; init; } = 250;
    /// <summary>Word vectors in word2vec text format ("word v1 v2 ..."; an optional "count dim" first line) to start from.</summary>
    public string? PretrainedEmbeddings { get; init; }
    /// <summary>Cap on the word vocabulary (training words first, then pretrained words by file order).</summary>
    public int MaxVocabulary { get; init; } = 100_000;

    /// <summary>Refuses values that cannot train, naming the option.</summary>
    public void Validate()
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"invalid BiLSTM-CRF option: {what}");
        }
        ValidateSchedule(Require);
        Require(LearningRate > 0, $"learning rate must be > 0 (got {LearningRate})");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Require(SingletonUnknownRate is >= 0 and <= 1, $"singleton unknown rate must be in [0, 1] (got {SingletonUnknownRate})");
        Require(GradientClip > 0, $"gradient clip must be > 0 (got {GradientClip})");
        Require(WordDim >= 1 && CharDim >= 1 && CharFilters >= 1 && CasingDim >= 1 && HiddenSize >= 1 && LexiconDim >= 1, "dimensions must be >= 1");
        Require(CharKernel >= 1 && CharKernel % 2 == 1, $"char kernel must be an odd number >= 1 (got {CharKernel})");
        Require(MaxTokenChars >= 2, $"max token chars must be >= 2 (got {MaxTokenChars})");
        Require(MaxSentenceTokens >= 1, $"max sentence tokens must be >= 1 (got {MaxSentenceTokens})");
        Require(MaxVocabulary >= 2, $"max vocabulary must be >= 2 (got {MaxVocabulary})");
    }

    public string ToJson() => OptionsJson.Write(this);

    /// <summary>Reads options.json; missing keys keep their defaults (older files load), unknown keys are errors.</summary>
    public static BiLstmCrfOptions FromJson(string json, string location) => OptionsJson.Read<BiLstmCrfOptions>(json, location, "BiLSTM-CRF");
}
