using Asclepius.TextMining.Ner.BiLstmCrf;
using TorchSharp;
using static TorchSharp.torch;

namespace Asclepius.TextMining.Ner.Tests.BiLstmCrf;

[Collection(TorchCollection.Name)]
public sealed class LinearChainCrfTests
{
    private const int K = 3;

    [Fact]
    public void Forward_algorithm_equals_brute_force_enumeration_on_a_tiny_lattice()
    {
        var (emissions, transitions, start, end) = RandomLattice(batch: 2, length: 4, seed: 7);
        // Second sentence has 2 real tokens and 2 padding positions.
        var mask = torch.tensor(new[] { true, true, true, true, true, true, false, false }, new long[] { 2, 4 });

        var logZ = LinearChainCrf.LogPartition(emissions, mask, transitions, start, end).data<float>().ToArray();

        logZ[0].Should().BeApproximately((float)BruteForceLogZ(emissions, transitions, start, end, 0, 4), 1e-4f);
        logZ[1].Should().BeApproximately((float)BruteForceLogZ(emissions, transitions, start, end, 1, 2), 1e-4f);
    }

    [Fact]
    public void Gold_score_sums_start_emissions_transitions_and_end_of_the_real_tokens()
    {
        var (emissions, transitions, start, end) = RandomLattice(batch: 2, length: 3, seed: 3);
        var tags = torch.tensor(new long[] { 0, 2, 1, 1, 2, 0 }, new long[] { 2, 3 });
        var mask = torch.tensor(new[] { true, true, true, true, true, false }, new long[] { 2, 3 });
        var last = torch.tensor(new long[] { 2, 1 });

        var score = LinearChainCrf.Score(emissions, tags, mask, last, transitions, start, end).data<float>().ToArray();

        score[0].Should().BeApproximately((float)PathScore(emissions, transitions, start, end, 0, new[] { 0, 2, 1 }), 1e-4f);
        score[1].Should().BeApproximately((float)PathScore(emissions, transitions, start, end, 1, new[] { 1, 2 }), 1e-4f);
    }

    [Fact]
    public void Loss_is_a_negative_log_probability_that_sums_to_one_over_all_paths()
    {
        var (emissions, transitions, start, end) = RandomLattice(batch: 1, length: 3, seed: 11);
        var mask = torch.ones(1, 3, dtype: ScalarType.Bool);
        var logZ = LinearChainCrf.LogPartition(emissions, mask, transitions, start, end).item<float>();
        double total = 0;
        foreach (var path in AllPaths(3))
        {
            var tags = torch.tensor(path.Select(p => (long)p).ToArray(), new long[] { 1, 3 });
            var s = LinearChainCrf.Score(emissions, tags, mask, torch.tensor(new long[] { 2 }), transitions, start, end).item<float>();
            total += Math.Exp(s - logZ);
        }
        total.Should().BeApproximately(1.0, 1e-4);
    }

    internal static (Tensor Emissions, Tensor Transitions, Tensor Start, Tensor End) RandomLattice(int batch, int length, int seed)
    {
        using var g = new Generator((ulong)seed);
        return (torch.randn(new long[] { batch, length, K }, generator: g), torch.randn(new long[] { K, K }, generator: g),
            torch.randn(new long[] { K }, generator: g), torch.randn(new long[] { K }, generator: g));
    }

    private static double BruteForceLogZ(Tensor emissions, Tensor transitions, Tensor start, Tensor end, int b, int length)
    {
        var sum = 0.0;
        foreach (var path in AllPaths(length)) sum += Math.Exp(PathScore(emissions, transitions, start, end, b, path));
        return Math.Log(sum);
    }

    private static double PathScore(Tensor emissions, Tensor transitions, Tensor start, Tensor end, int b, int[] path)
    {
        double s = start[path[0]].item<float>() + end[path[^1]].item<float>();
        for (var t = 0; t < path.Length; t++)
        {
            s += emissions[b, t, path[t]].item<float>();
            if (t > 0) s += transitions[path[t - 1], path[t]].item<float>();
        }
        return s;
    }

    private static IEnumerable<int[]> AllPaths(int length)
    {
        var total = (int)Math.Pow(K, length);
        for (var n = 0; n < total; n++)
        {
            var path = new int[length];
            var x = n;
            for (var t = 0; t < length; t++) { path[t] = x % K; x /= K; }
            yield return path;
        }
    }
}
