using System.Diagnostics;
using System.Text;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Relations.PairClassifier;

namespace Asclepius.TextMining.Relations.Tests.PairClassifier;

/// <summary>Candidate pairs: the same pairs in the same order as the full double loop, in time linear in the entities (issue #14, "hangs").</summary>
public sealed class CandidateFinderTests
{
    /// <summary>A note of <paramref name="sentences"/> sentences, each with a chemical and two diseases, and its entities.</summary>
    private static (TokenizedText Tokens, List<Entity> Entities) Note(int sentences)
    {
        var sb = new StringBuilder();
        var entities = new List<Entity>();
        void Add(string word, string label)
        {
            entities.Add(new Entity($"T{entities.Count + 1}", new TextSpan(sb.Length, sb.Length + word.Length), label, 1, Assertions.None, AnnotationSource.Predicted));
            sb.Append(word);
        }
        for (var i = 0; i < sentences; i++)
        {
            Add("Cisplatin", "Chemical");
            sb.Append(" caused ");
            Add("nephrotoxicity", "Disease");
            sb.Append(" and ");
            Add("fibrosis", "Disease");
            sb.Append(". ");
        }
        return (ClinicalTokenizer.Default.Tokenize(sb.ToString()), entities);
    }

    /// <summary>The definition: every ordered pair the schema allows, not overlapping, within the window, head-major in entity order.</summary>
    private static List<(string, string)> Reference(TokenizedText tokens, List<Entity> entities, int window)
    {
        var sentence = entities.ToDictionary(e => e.Id, e => tokens.Sentences.First(s => s.Tokens.Any(t => t.Start < e.Span.End && t.End > e.Span.Start)).Index);
        var pairs = new List<(string, string)>();
        foreach (var h in entities)
            foreach (var t in entities)
                if (h != t && !h.Span.Overlaps(t.Span) && RelationFixtures.Schema.RelationsAllowed(h.Label, t.Label).Any()
                    && (window < 0 || Math.Abs(sentence[h.Id] - sentence[t.Id]) <= window))
                    pairs.Add((h.Id, t.Id));
        return pairs;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Finds_the_pairs_of_the_full_double_loop_in_the_same_order(int window)
    {
        var (tokens, entities) = Note(12);
        var shuffled = entities.OrderBy(e => (e.Id.GetHashCode() & 7, e.Id)).ToList(); // entity order need not be text order
        new CandidateFinder(RelationFixtures.Schema, window).Find(tokens, shuffled).Select(c => (c.Head.Id, c.Tail.Id))
            .Should().Equal(Reference(tokens, shuffled, window));
    }

    [Fact]
    public void Candidates_and_features_of_a_long_note_take_time_linear_in_its_entities()
    {
        var (tokens, entities) = Note(40_000); // 120,000 entities in 40,000 sentences, ~1.2 million characters
        var clock = Stopwatch.StartNew();
        var candidates = new CandidateFinder(RelationFixtures.Schema, 1).Find(tokens, entities);
        var mentions = MentionIndex.Of(candidates);
        var featurizer = new PairFeaturizer(new FeatureHasher(18));
        foreach (var c in candidates) featurizer.Featurize(tokens, c, mentions);
        clock.Stop();
        candidates.Should().HaveCount(40_000 * 2 + 2 * 2 * (40_000 - 1));
        // The full double loop checks 1.4e10 pairs (hours); the windowed one about a million (seconds).
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_whole_document_window_refuses_a_note_with_too_many_entities()
    {
        var (tokens, entities) = Note(CandidateFinder.MaxWholeDocumentEntities / 3 + 1);
        var act = () => new CandidateFinder(RelationFixtures.Schema, -1).Find(tokens, entities);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.InputTooLarge);
    }

    [Fact]
    public void Mentions_between_a_pair_are_counted_as_before()
    {
        var (tokens, entities) = Note(3);
        var candidates = new CandidateFinder(RelationFixtures.Schema, -1).Find(tokens, entities);
        var index = MentionIndex.Of(candidates);
        var all = candidates.SelectMany(c => new[] { (c.HeadFirst, c.HeadLast), (c.TailFirst, c.TailLast) }).Distinct().ToList();
        foreach (var c in candidates)
        {
            var (aLast, bFirst) = c.HeadFirstInText ? (c.HeadLast, c.TailFirst) : (c.TailLast, c.HeadFirst);
            var expected = all.Count(m => m.Item1 > aLast && m.Item2 < bFirst);
            index.CountBetween(aLast, bFirst, cap: 3).Should().Be(Math.Min(expected, 3));
        }
    }
}
