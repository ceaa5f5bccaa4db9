using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Tests.Validation;

public sealed class DuplicateIndexTests
{
    [Fact]
    public void Exact_duplicates_ignore_case_and_whitespace_but_not_digits()
    {
        var index = new DuplicateIndex();
        index.TryAdd("Rash after  aspirin 10 mg.").Should().Be(DuplicateKind.None);
        index.TryAdd("rash AFTER aspirin\n10 mg.").Should().Be(DuplicateKind.Exact);
        index.TryAdd("Rash after aspirin 20 mg.").Should().NotBe(DuplicateKind.Exact);
    }

    [Fact]
    public void Near_duplicates_at_jaccard_0_9_are_caught_and_others_are_not()
    {
        var index = new DuplicateIndex();
        const string a = "The patient developed severe acute hepatitis three weeks after starting high dose methotrexate therapy for psoriasis.";
        const string near = "The patient developed severe acute hepatitis three weeks after starting high dose methotrexate therapy for psoriasis!";
        const string other = "A 54-year-old man presented with lithium toxicity and acute kidney injury after a dehydrating illness.";
        DuplicateIndex.Jaccard(a, near).Should().BeGreaterThanOrEqualTo(0.9);
        index.TryAdd(a).Should().Be(DuplicateKind.None);
        index.Check(near).Should().Be(DuplicateKind.Near);
        index.TryAdd(near).Should().Be(DuplicateKind.Near);
        index.TryAdd(other).Should().Be(DuplicateKind.None);
        index.Count.Should().Be(2);
    }

    [Fact]
    public void Template_siblings_with_different_names_are_not_near_duplicates()
    {
        var index = new DuplicateIndex();
        index.TryAdd("Cisplatin-induced nephrotoxicity in rats.").Should().Be(DuplicateKind.None);
        index.TryAdd("Gentamicin-induced nephrotoxicity in rats.").Should().Be(DuplicateKind.None);
    }

    [Fact]
    public void Lookups_compare_against_few_candidates_not_every_kept_text()
    {
        var rng = new Random(1);
        string[] words = ["patient", "developed", "after", "aspirin", "warfarin", "rash", "hepatitis", "was", "given", "dose", "mg", "daily", "for", "weeks", "admitted", "with", "history", "of", "no", "evidence"];
        var texts = Enumerable.Range(0, 5_000).Select(i => string.Join(' ', Enumerable.Range(0, 14).Select(_ => words[rng.Next(words.Length)])) + $" case {i}.").ToList();
        var index = new DuplicateIndex();
        var kept = texts.Count(t => index.TryAdd(t) == DuplicateKind.None);
        kept.Should().Be(5_000);
        // A brute-force index would make 5,000²/2 = 12.5 million comparisons; wall time is not asserted
        // because CI machines are shared (bench numbers: see the report of the dedupe benchmark).
        index.Comparisons.Should().BeLessThan(5_000);
    }
}
