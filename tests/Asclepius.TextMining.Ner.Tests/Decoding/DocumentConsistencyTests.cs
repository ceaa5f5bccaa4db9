using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Text;
using Asclepius.TextMining.Ner.Decoding;

namespace Asclepius.TextMining.Ner.Tests.Decoding;

/// <summary>One-sense-per-document propagation, shared by the token-window and the transformer NER.</summary>
public sealed class DocumentConsistencyTests
{
    [Fact]
    public void A_mention_found_once_is_marked_where_it_recurs_as_whole_tokens_and_ids_are_renumbered()
    {
        const string text = "Naloxone was given. Later NALOXONE and naloxone worked, unlike naloxones.";
        var result = Propagate(text, [("Naloxone", 0, "Chemical")]);

        result.Select(e => (text[e.Span.Start..e.Span.End], e.Label, e.Id)).Should().Equal(
            ("Naloxone", "Chemical", "T1"), ("NALOXONE", "Chemical", "T2"), ("naloxone", "Chemical", "T3"));
        result.Should().OnlyContain(e => e.Source == AnnotationSource.Predicted);
    }

    [Fact]
    public void A_surface_predicted_with_two_labels_is_not_spread()
    {
        const string text = "Lithium here, lithium there, and lithium again.";
        var result = Propagate(text, [("Lithium", 0, "Chemical"), ("lithium", 0, "Disease")]);
        result.Should().HaveCount(2);
    }

    [Fact]
    public void Short_upper_case_abbreviations_match_as_written()
    {
        const string text = "ACE inhibitors. The ACE level; an ace of spades.";
        var result = Propagate(text, [("ACE", 0, "Chemical")]);
        result.Select(e => text[e.Span.Start..e.Span.End]).Should().Equal("ACE", "ACE");
    }

    [Fact]
    public void The_longest_surface_wins_and_tokens_under_an_entity_are_not_marked_again()
    {
        const string text = "Acute renal failure and failure. Later acute renal failure, then renal failure.";
        var result = Propagate(text, [("Acute renal failure", 0, "Disease"), ("failure", 1, "Disease"), ("renal failure", 2, "Disease")]);

        // "failure" inside the first entity stays one entity; the second "acute renal failure" is marked whole, not as
        // "renal failure" or "failure"; the last "renal failure" was predicted already.
        result.Select(e => text[e.Span.Start..e.Span.End]).Should().Equal("Acute renal failure", "failure", "acute renal failure", "renal failure");
    }

    [Fact]
    public void A_minimum_share_spreads_only_surfaces_tagged_often_enough_in_the_document()
    {
        // "pain" tagged 1 of 4 times (share 0.25), "aspirin" 2 of 3 times (0.67).
        const string text = "Pain after aspirin. No pain with aspirin. Pain, pain. Then aspirin.";
        (string, int, string)[] predicted = [("Pain", 0, "Disease"), ("aspirin", 0, "Chemical"), ("aspirin", 1, "Chemical")];

        Surfaces(text, Propagate(text, predicted, minShare: 0)).Should().Equal("Pain", "aspirin", "pain", "aspirin", "Pain", "pain", "aspirin");
        Surfaces(text, Propagate(text, predicted, minShare: 0.25)).Should().HaveCount(7, "0.25 is reached");
        Surfaces(text, Propagate(text, predicted, minShare: 0.5)).Should().Equal("Pain", "aspirin", "aspirin", "aspirin");
        Surfaces(text, Propagate(text, predicted, minShare: 0.75)).Should().Equal("Pain", "aspirin", "aspirin");
    }

    [Fact]
    public void Nothing_to_spread_returns_the_predictions_as_they_are()
    {
        const string text = "Aspirin once.";
        var entities = Entities(text, [("Aspirin", 0, "Chemical")]);
        DocumentConsistency.Propagate(ClinicalTokenizer.Default.Tokenize(text), entities).Should().BeSameAs(entities);
        var none = new List<Entity>();
        DocumentConsistency.Propagate(ClinicalTokenizer.Default.Tokenize(text), none).Should().BeSameAs(none);
    }

    private static string[] Surfaces(string text, IEnumerable<Entity> entities) => entities.Select(e => text[e.Span.Start..e.Span.End]).ToArray();

    private static List<Entity> Propagate(string text, (string Surface, int Occurrence, string Label)[] predicted, double minShare = 0) =>
        DocumentConsistency.Propagate(ClinicalTokenizer.Default.Tokenize(text), Entities(text, predicted), minShare);

    /// <summary>Predicted entities at the given occurrence (0-based, case-sensitive) of each surface.</summary>
    private static List<Entity> Entities(string text, (string Surface, int Occurrence, string Label)[] predicted) =>
        predicted.Select((p, i) =>
        {
            var at = -1;
            for (var k = 0; k <= p.Occurrence; k++) at = text.IndexOf(p.Surface, at + 1, StringComparison.Ordinal);
            at.Should().BeGreaterThanOrEqualTo(0);
            return new Entity($"T{i + 1}", new TextSpan(at, at + p.Surface.Length), p.Label, Source: AnnotationSource.Predicted);
        }).OrderBy(e => e.Span.Start).ToList();
}
