using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class EntityMatcherTests
{
    private static Entity E(string id, int start, int end, string label) => new(id, new TextSpan(start, end), label);

    [Fact]
    public void Strict_needs_equal_span_and_label()
    {
        var gold = new[] { E("g1", 0, 5, "A"), E("g2", 10, 15, "A"), E("g3", 20, 25, "A") };
        var pred = new[] { E("p1", 0, 5, "A"), E("p2", 10, 14, "A"), E("p3", 20, 25, "B") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Strict);
        a.Matches.Select(m => (m.Gold.Id, m.Predicted.Id)).Should().Equal(("g1", "p1"));
        a.Missed.Select(e => e.Id).Should().Equal("g2", "g3");
        a.Spurious.Select(e => e.Id).Should().Equal("p2", "p3");
    }

    [Fact]
    public void Strict_counts_duplicates_as_a_multiset()
    {
        var gold = new[] { E("g1", 0, 5, "A"), E("g2", 0, 5, "A") };
        var pred = new[] { E("p1", 0, 5, "A") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Strict);
        a.Matches.Should().HaveCount(1);
        a.Missed.Should().HaveCount(1);
        a.Spurious.Should().BeEmpty();
    }

    [Fact]
    public void Lenient_matches_overlap_with_same_label_one_to_one()
    {
        // One long prediction over two gold entities matches one of them only (the longer overlap).
        var gold = new[] { E("g1", 0, 5, "A"), E("g2", 6, 20, "A") };
        var pred = new[] { E("p1", 0, 20, "A") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Lenient);
        a.Matches.Select(m => (m.Gold.Id, m.Predicted.Id)).Should().Equal(("g2", "p1"));
        a.Missed.Select(e => e.Id).Should().Equal("g1");
        a.Spurious.Should().BeEmpty();
    }

    [Fact]
    public void Lenient_takes_exact_matches_before_longer_overlaps()
    {
        // p1 overlaps g1 by 5 exactly; p2 overlaps g1 by 5 too but not exactly, and g2 by 3.
        // Greedy by overlap alone could give g1 to p2 first; exact-first keeps the strict match.
        var gold = new[] { E("g1", 5, 10, "A"), E("g2", 10, 13, "A") };
        var pred = new[] { E("p1", 5, 10, "A"), E("p2", 4, 13, "A") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Lenient);
        a.Matches.Select(m => (m.Gold.Id, m.Predicted.Id)).Should().Equal(("g1", "p1"), ("g2", "p2"));
    }

    [Fact]
    public void Lenient_ignores_touching_spans_and_other_labels()
    {
        var gold = new[] { E("g1", 0, 5, "A"), E("g2", 10, 15, "A") };
        var pred = new[] { E("p1", 5, 10, "A"), E("p2", 11, 12, "B") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Lenient);
        a.Matches.Should().BeEmpty();
        a.Missed.Should().HaveCount(2);
        a.Spurious.Should().HaveCount(2);
    }

    [Fact]
    public void Lenient_breaks_ties_by_position()
    {
        // Both predictions overlap g1 by 2; the earlier one wins, the later is spurious.
        var gold = new[] { E("g1", 2, 8, "A") };
        var pred = new[] { E("p2", 6, 12, "A"), E("p1", 0, 4, "A") };
        var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Lenient);
        a.Matches.Single().Predicted.Id.Should().Be("p1");
        a.Spurious.Single().Id.Should().Be("p2");
    }

    [Fact]
    public void Lenient_finds_overlaps_whatever_the_input_order_and_lengths()
    {
        // Random layouts with some long predictions, given out of order: the windowed search must find what
        // an all-pairs search finds, and the matching must be one to one and maximal.
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var gold = Enumerable.Range(0, random.Next(0, 12)).Select(i => Random(random, $"g{i}")).ToList();
            var pred = Enumerable.Range(0, random.Next(0, 12)).Select(i => Random(random, $"p{i}")).ToList();
            var a = EntityMatcher.Match(gold, pred, EntityMatchMode.Lenient);
            var strict = EntityMatcher.Match(gold, pred, EntityMatchMode.Strict);

            a.Matches.All(m => m.Gold.Span.Overlaps(m.Predicted.Span) && m.Gold.Label == m.Predicted.Label).Should().BeTrue();
            (a.Matches.Count + a.Missed.Count).Should().Be(gold.Count);
            (a.Matches.Count + a.Spurious.Count).Should().Be(pred.Count);
            a.Matches.Count.Should().BeGreaterThanOrEqualTo(strict.Matches.Count);
            // Maximal: no unmatched gold entity overlaps an unmatched prediction of its label.
            a.Missed.Should().NotContain(g => a.Spurious.Any(p => p.Span.Overlaps(g.Span) && p.Label == g.Label));
            a.Matches.Select(m => (m.Gold.Id, m.Predicted.Id)).Should().Equal(AllPairsGreedy(gold, pred));
        }
    }

    /// <summary>The documented greedy order over every (gold, predicted) pair, without any search window.</summary>
    private static IEnumerable<(string, string)> AllPairsGreedy(List<Entity> gold, List<Entity> pred)
    {
        var pairs = from g in gold
                    from p in pred
                    where g.Span.Overlaps(p.Span) && g.Label == p.Label
                    let overlap = Math.Min(g.Span.End, p.Span.End) - Math.Max(g.Span.Start, p.Span.Start)
                    orderby g.Span == p.Span descending, overlap descending, g.Span.Start, g.Span.End, p.Span.Start, p.Span.End,
                        gold.IndexOf(g), pred.IndexOf(p)
                    select (g, p);
        var (usedG, usedP) = (new HashSet<Entity>(), new HashSet<Entity>());
        var chosen = new List<(Entity G, Entity P)>();
        foreach (var (g, p) in pairs)
            if (!usedG.Contains(g) && !usedP.Contains(p)) { usedG.Add(g); usedP.Add(p); chosen.Add((g, p)); }
        return chosen.OrderBy(x => gold.IndexOf(x.G)).Select(x => (x.G.Id, x.P.Id));
    }

    private static Entity Random(Random random, string id)
    {
        var start = random.Next(0, 60);
        return E(id, start, start + 1 + (random.Next(4) == 0 ? random.Next(20, 40) : random.Next(0, 6)), random.Next(2) == 0 ? "A" : "B");
    }
}
