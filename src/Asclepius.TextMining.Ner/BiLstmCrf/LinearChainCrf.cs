using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.BiLstmCrf;

/// <summary>
/// Linear-chain CRF over emission scores [B,T,K] with transition scores [K,K] (from row to column),
/// start [K] and end [K] scores. The loss is log Z − score(gold), Z from the forward algorithm in log
/// space. Invalid BILOU moves carry a large negative score in the transitions the caller passes, so
/// both the partition and decoding only see valid sequences.
/// </summary>
internal static class LinearChainCrf
{
    /// <summary>Σ over the batch of log Z − score(gold): the negative log-likelihood of the gold tags, summed.</summary>
    public static Tensor NegativeLogLikelihoodSum(Tensor emissions, Tensor tags, Tensor mask, Tensor lastIndex, (Tensor Transitions, Tensor Start, Tensor End) crf)
    {
        var logZ = LogPartition(emissions, mask, crf.Transitions, crf.Start, crf.End);
        var gold = Score(emissions, tags, mask, lastIndex, crf.Transitions, crf.Start, crf.End);
        return (logZ - gold).sum();
    }

    /// <summary>The score the model gives each gold sequence [B]. Mask [B,T] is true on real tokens; every sentence has ≥ 1.</summary>
    public static Tensor Score(Tensor emissions, Tensor tags, Tensor mask, Tensor lastIndex, Tensor transitions, Tensor start, Tensor end)
    {
        var k = emissions.shape[2];
        var t = emissions.shape[1];
        var fmask = mask.to_type(emissions.dtype);
        var score = (emissions.gather(2, tags.unsqueeze(2)).squeeze(2) * fmask).sum(1);
        score = score + start.index_select(0, tags.select(1, 0));
        if (t > 1)
        {
            using var tagCount = ((long)k).ToScalar(); // explicit: see BiLstmCrfNetwork.Emissions
            var pairs = tags.narrow(1, 0, t - 1).mul(tagCount) + tags.narrow(1, 1, t - 1);
            var moves = transitions.reshape(-1).index_select(0, pairs.reshape(-1)).view(pairs.shape);
            score = score + (moves * fmask.narrow(1, 1, t - 1)).sum(1);
        }
        var lastTags = tags.gather(1, lastIndex.unsqueeze(1)).squeeze(1);
        return score + end.index_select(0, lastTags);
    }

    /// <summary>log Σ over all tag sequences of exp(score) per sentence [B] (the forward algorithm).</summary>
    public static Tensor LogPartition(Tensor emissions, Tensor mask, Tensor transitions, Tensor start, Tensor end)
    {
        var t = emissions.shape[1];
        var alpha = start.unsqueeze(0) + emissions.select(1, 0);
        var moves = transitions.unsqueeze(0);
        for (var i = 1; i < t; i++)
        {
            var next = torch.logsumexp(alpha.unsqueeze(2) + moves, 1) + emissions.select(1, i);
            alpha = torch.where(mask.select(1, i).unsqueeze(1), next, alpha);
        }
        return torch.logsumexp(alpha + end.unsqueeze(0), 1);
    }
}
