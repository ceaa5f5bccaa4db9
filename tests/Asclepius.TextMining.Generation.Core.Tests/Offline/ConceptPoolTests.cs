using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Prompts;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class ConceptPoolTests
{
    private static readonly Lexicon Mixed = new("mix",
    [
        new LexiconEntry("alpha", [], "a"),
        new LexiconEntry("beta", [], "a"),
        new LexiconEntry("gamma", [], "a"),
        new LexiconEntry("delta", [], "b"),
        new LexiconEntry("epsilon", [], "b"),
    ]);

    private static ConceptCounts Counts(params (string Name, long Count)[] rows) =>
        new(rows.ToDictionary(r => ("mix", r.Name), r => r.Count));

    private static Dictionary<string, double> Shares(ConceptPool pool, IReadOnlyList<string>? classes, int draws = 40_000, int seed = 5)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, draws).Select(_ => pool.Concepts[pool.Pick(classes, rng)].Name)
            .GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count() / (double)draws);
    }

    [Fact]
    public void A_weighted_draw_follows_the_smoothed_counts_within_a_class()
    {
        // Class a: (7 + 1), (1 + 1), (0 + 1) → 8 : 2 : 1.
        var pool = new ConceptPool(Mixed, counts: Counts(("alpha", 7), ("beta", 1)), weighting: new ConceptWeighting { Strength = 1, Prior = 1 });

        var shares = Shares(pool, ["a"]);

        shares["alpha"].Should().BeApproximately(8 / 11.0, 0.01);
        shares["beta"].Should().BeApproximately(2 / 11.0, 0.01);
        shares["gamma"].Should().BeApproximately(1 / 11.0, 0.01);
    }

    [Fact]
    public void Strength_softens_the_counts()
    {
        // sqrt(99 + 1) : sqrt(0 + 1) : sqrt(0 + 1) = 10 : 1 : 1.
        var pool = new ConceptPool(Mixed, counts: Counts(("alpha", 99)), weighting: new ConceptWeighting { Strength = 0.5, Prior = 1 });

        Shares(pool, ["a"])["alpha"].Should().BeApproximately(10 / 12.0, 0.01);
    }

    [Fact]
    public void Weights_move_probability_only_inside_a_class()
    {
        // Uniform over all five: class a has 3/5 of the draws, class b 2/5; heavy counts in b do not change that.
        var pool = new ConceptPool(Mixed, counts: Counts(("delta", 1000), ("alpha", 3)), weighting: new ConceptWeighting { Strength = 1 });

        var shares = Shares(pool, null);

        (shares["alpha"] + shares["beta"] + shares["gamma"]).Should().BeApproximately(0.6, 0.01);
        shares["delta"].Should().BeApproximately(0.4 * 1001 / 1002, 0.01);
        Enumerable.Range(0, 5).Sum(pool.Weight).Should().BeApproximately(5, 1e-9);
    }

    [Fact]
    public void Without_weighting_the_draw_is_the_uniform_one_it_always_was()
    {
        var pool = new ConceptPool(Mixed);
        var (a, b) = (new Random(3), new Random(3));
        var candidates = pool.Candidates(["a", "b"]);

        for (var i = 0; i < 50; i++) pool.Pick(["a", "b"], a).Should().Be(candidates[b.Next(candidates.Count)]);
        pool.Weight(0).Should().Be(1);
    }

    [Fact]
    public void A_weighted_draw_is_the_same_for_the_same_seed()
    {
        var pool = new ConceptPool(Mixed, counts: Counts(("alpha", 4), ("delta", 2)), weighting: new ConceptWeighting());
        var (a, b) = (new Random(9), new Random(9));

        Enumerable.Range(0, 200).Select(_ => pool.Pick(null, a)).Should().Equal(Enumerable.Range(0, 200).Select(_ => pool.Pick(null, b)));
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    public void A_weighting_without_a_positive_prior_or_with_a_negative_strength_is_refused(double strength, double prior)
    {
        var act = () => new ConceptPool(Mixed, counts: Counts(), weighting: new ConceptWeighting { Strength = strength, Prior = prior });
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
