using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Relations.PairClassifier;

/// <summary>
/// How the probabilities of a concept pair's mention pairs become one document-level probability
/// (BC5CDR CID is stated per abstract between concepts, the classifier scores mention pairs).
/// <list type="bullet">
/// <item><c>max</c>: the most confident mention pair. One confident pair anywhere in the abstract is
/// enough, which is what made CID precision low (0.39 at recall 0.73).</item>
/// <item><c>noisy-or</c>: 1 − Π(1 − pᵢ), as if each mention pair were independent evidence; grows with the
/// number of mentions, so frequently mentioned concepts pass more easily.</item>
/// <item><c>mean-top-k</c>: the mean of the k highest probabilities, padding with 0 when the concept pair
/// has fewer than k mention pairs: a relation needs support from more than one mention pair, or one
/// very confident pair.</item>
/// </list>
/// The default rule, k and threshold were chosen on the BC5CDR development set (docs/EVALUATION.md).
/// </summary>
public static class DocumentAggregation
{
    public const string Max = "max";
    public const string NoisyOr = "noisy-or";
    public const string MeanTopK = "mean-top-k";

    public static readonly IReadOnlyList<string> Rules = [Max, NoisyOr, MeanTopK];

    public static void Validate(string rule, int topK)
    {
        if (!Rules.Contains(rule))
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"unknown document-level aggregation '{rule}'; use {string.Join(", ", Rules)}");
        if (rule == MeanTopK && topK < 1)
            throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"mean-top-k needs k ≥ 1 (got {topK})");
    }

    /// <summary>The concept pair's probability from its mention pairs' probabilities (any order, at least one).</summary>
    public static float Combine(IReadOnlyList<float> probabilities, string rule, int topK)
    {
        if (probabilities.Count == 0) return 0f;
        switch (rule)
        {
            case Max:
                return probabilities.Max();
            case NoisyOr:
            {
                var none = 1.0;
                foreach (var p in probabilities) none *= 1.0 - p;
                return (float)(1.0 - none);
            }
            case MeanTopK:
            {
                var sorted = probabilities.OrderByDescending(p => p).Take(topK);
                return (float)(sorted.Sum(p => (double)p) / topK);
            }
            default:
                throw new TextMiningException(ErrorCodes.TrainingDataInvalid, $"unknown document-level aggregation '{rule}'; use {string.Join(", ", Rules)}");
        }
    }
}
