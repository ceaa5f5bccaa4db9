using Asclepius.TextMining.Core.Evaluation;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class PrfScoreTests
{
    [Fact]
    public void Zero_denominators_give_zero_like_conlleval()
    {
        PrfScore.Zero.Precision.Should().Be(0);
        PrfScore.Zero.Recall.Should().Be(0);
        PrfScore.Zero.F1.Should().Be(0);
        new PrfScore(0, 0, 3).Precision.Should().Be(0);
        new PrfScore(0, 3, 0).Recall.Should().Be(0);
    }

    [Fact]
    public void F1_is_the_harmonic_mean_of_precision_and_recall()
    {
        var s = new PrfScore(3, 1, 5); // P 3/4, R 3/8
        var harmonic = 2 * s.Precision * s.Recall / (s.Precision + s.Recall);
        s.F1.Should().BeApproximately(harmonic, 1e-15);
        s.F1.Should().BeApproximately(0.5, 1e-15);
    }

    [Fact]
    public void Macro_averages_per_label_scores()
    {
        var m = MacroScore.Of([new PrfScore(1, 0, 0), new PrfScore(0, 1, 1)]);
        (m.Precision, m.Recall, m.F1, m.Labels).Should().Be((0.5, 0.5, 0.5, 2));
        MacroScore.Of([]).Should().Be(MacroScore.Empty);
    }
}
