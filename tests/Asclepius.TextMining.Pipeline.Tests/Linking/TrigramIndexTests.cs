using Asclepius.TextMining.Pipeline.Linking;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

public sealed class TrigramIndexTests
{
    [Fact]
    public void Search_scores_the_sparse_cosine_and_an_identical_term_scores_one()
    {
        var index = TrigramIndex.Build(["aspirin", "heparin", "metformin"]);
        index.AttachTerms(["aspirin", "heparin", "metformin"]);
        index.Search("aspirin", _ => true).Should().Be((0, 1.0));
        var (term, score) = index.Search("asprin", _ => true);
        term.Should().Be(0);
        score.Should().BeInRange(0.3, 0.99);
        index.Search("aspirin", t => t != 0).Term.Should().Be(1, "rejected terms are never returned");
        index.Search("qqqq", _ => true).Should().Be((-1, 0.0));
    }

    [Fact]
    public void Over_the_posting_budget_the_rarest_grams_find_candidates_and_they_are_rescored_exactly()
    {
        // 6,000 names sharing every common 3-gram: a query reads more postings than the budget allows.
        var terms = Enumerable.Range(0, 6000).Select(i => $"chronic disorder {i}").Append("chronic disorder of the zygomatic arch").ToArray();
        var index = TrigramIndex.Build(terms);
        index.AttachTerms(terms);
        index.PostingCount.Should().BeGreaterThan(TrigramIndex.PostingBudget);

        var (term, score) = index.Search("chronic disorder of zygomatic arch", _ => true);

        term.Should().Be(terms.Length - 1);
        // Brute force over every term, all 3-grams: the budgeted search found the best term and its exact cosine.
        var (best, cosine) = BruteForce(terms, "chronic disorder of zygomatic arch");
        best.Should().Be(term);
        score.Should().BeApproximately(cosine, 1e-6);
    }

    // Char 3-gram TF-IDF cosine of a query with every term (smoothed idf, raw counts, L2 norms), the best one.
    private static (int Term, double Cosine) BruteForce(string[] terms, string query)
    {
        var df = new Dictionary<ulong, int>();
        foreach (var t in terms) foreach (var g in TrigramIndex.Grams(t).Distinct()) df[g] = df.GetValueOrDefault(g) + 1;
        Dictionary<ulong, double> V(string s) => TrigramIndex.Grams(s).GroupBy(g => g)
            .ToDictionary(g => g.Key, g => g.Count() * (Math.Log((1.0 + terms.Length) / (1.0 + df.GetValueOrDefault(g.Key))) + 1));
        var q = V(query);
        var qn = Math.Sqrt(q.Values.Sum(x => x * x));
        return terms.Select((t, i) =>
        {
            var v = V(t);
            var dot = q.Sum(kv => v.TryGetValue(kv.Key, out var w) ? kv.Value * w : 0);
            return (i, dot / (qn * Math.Sqrt(v.Values.Sum(x => x * x))));
        }).MaxBy(x => x.Item2);
    }
}
