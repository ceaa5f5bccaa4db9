using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Tests.Validation;

public sealed class SampleValidatorTests
{
    private static readonly SampleValidator Validator = new(MiniData.Schema);

    private static CandidateSample S(string text, params CandidateEntity[] entities) => new(text, entities, []);

    private static CandidateEntity E(string text, string label, int? start = null, int? end = null) => new(text, label, start, end);

    [Fact]
    public void Mentions_without_offsets_are_found_and_become_synthetic_entities_in_text_order()
    {
        var outcome = Validator.Validate(S("Cisplatin caused nephrotoxicity.", E("nephrotoxicity", "Disease"), E("Cisplatin", "Chemical")), "d1");

        outcome.Kept.Should().BeTrue();
        var doc = outcome.Document!;
        doc.Entities.Select(e => (doc.TextOf(e), e.Label, e.Id)).Should().Equal(("Cisplatin", "Chemical", "T1"), ("nephrotoxicity", "Disease", "T2"));
        doc.Entities.Should().OnlyContain(e => e.Source == AnnotationSource.Synthetic);
        outcome.Repairs.Should().BeEmpty("finding offsets that were never given is not a repair");
    }

    [Fact]
    public void Correct_offsets_are_kept_even_when_the_string_occurs_twice()
    {
        var text = "aspirin then aspirin again";
        var outcome = Validator.Validate(S(text, E("aspirin", "Chemical", 13, 20)), "d");
        outcome.Document!.Entities.Single().Span.Should().Be(new TextSpan(13, 20));
    }

    [Fact]
    public void Lying_offsets_are_repaired_when_the_mention_occurs_once()
    {
        var outcome = Validator.Validate(S("Rash after warfarin.", E("warfarin", "Chemical", 0, 8)), "d");
        outcome.Document!.Entities.Single().Span.Should().Be(new TextSpan(11, 19));
        outcome.Repairs.Should().Contain(DropReasons.RepairedOffsets, 1);
    }

    [Fact]
    public void Out_of_range_offsets_are_treated_as_lies()
    {
        var outcome = Validator.Validate(S("Rash after warfarin.", E("warfarin", "Chemical", 50, 58)), "d");
        outcome.Kept.Should().BeTrue();
        outcome.Repairs.Should().Contain(DropReasons.RepairedOffsets, 1);
    }

    [Fact]
    public void Case_insensitive_search_is_the_fallback()
    {
        var outcome = Validator.Validate(S("Hepatitis after MTX.", E("hepatitis", "Disease")), "d");
        var doc = outcome.Document!;
        doc.TextOf(doc.Entities.Single()).Should().Be("Hepatitis");
    }

    [Fact]
    public void The_kth_entity_with_a_repeated_string_takes_the_kth_occurrence()
    {
        var text = "Lithium was stopped; lithium toxicity resolved and lithium was not restarted.";
        var outcome = Validator.Validate(S(text, E("lithium", "Chemical"), E("lithium", "Chemical"), E("toxicity", "Disease")), "d");
        outcome.Kept.Should().BeTrue();
        outcome.Document!.Entities.Where(e => e.Label == "Chemical").Select(e => e.Span.Start).Should().Equal(21, 51);
    }

    [Fact]
    public void A_repeated_string_claimed_fewer_times_than_it_occurs_is_ambiguous()
    {
        var outcome = Validator.Validate(S("aspirin, then more aspirin, caused rash", E("aspirin", "Chemical"), E("rash", "Disease")), "d");
        outcome.Kept.Should().BeFalse();
        outcome.DropReason.Should().Be(DropReasons.PartialEntities);
        outcome.EntityDrops.Should().Contain(DropReasons.AmbiguousMention, 1);
    }

    [Fact]
    public void A_mention_absent_from_the_text_drops_the_sample()
    {
        var outcome = Validator.Validate(S("Rash after warfarin.", E("heparin", "Chemical")), "d");
        outcome.DropReason.Should().Be(DropReasons.NoEntities);
        outcome.EntityDrops.Should().Contain(DropReasons.EntityNotInText, 1);
    }

    [Fact]
    public void Mentions_are_found_at_word_boundaries_only()
    {
        var outcome = Validator.Validate(S("Admitted to the MICU with rash.", E("MI", "Disease"), E("rash", "Disease")), "d");
        outcome.EntityDrops.Should().Contain(DropReasons.EntityNotInText, 1);
    }

    [Fact]
    public void Partial_samples_can_be_kept_when_asked()
    {
        var lenient = new SampleValidator(MiniData.Schema, new ValidationOptions { DropSampleOnPartialEntities = false });
        var sample = new CandidateSample("Rash after warfarin.", [E("rash", "Disease"), E("heparin", "Chemical")], [new CandidateRelation("CID", 1, 0)]);
        var outcome = lenient.Validate(sample, "d");
        outcome.Kept.Should().BeTrue();
        outcome.Document!.Entities.Should().ContainSingle();
        outcome.Document.Relations.Should().BeEmpty("its head was dropped");
    }

    [Fact]
    public void Unknown_labels_are_entity_drops()
    {
        var outcome = Validator.Validate(S("BRCA1 and rash.", E("BRCA1", "Gene"), E("rash", "Disease")), "d");
        outcome.DropReason.Should().Be(DropReasons.PartialEntities);
        outcome.EntityDrops.Should().Contain(DropReasons.UnknownLabel, 1);
    }

    [Fact]
    public void Overlapping_mentions_drop_the_sample_but_a_mention_listed_twice_is_merged()
    {
        Validator.Validate(S("acute renal failure after cisplatin", E("acute renal failure", "Disease"), E("renal failure", "Disease")), "d")
            .DropReason.Should().Be(DropReasons.OverlappingEntities);
        var merged = Validator.Validate(new CandidateSample("rash after cisplatin", [E("rash", "Disease"), E("cisplatin", "Chemical"), E("cisplatin", "Chemical", 11, 20)],
            [new CandidateRelation("CID", 2, 0)]), "d");
        merged.Kept.Should().BeTrue();
        merged.Document!.Entities.Should().HaveCount(2);
        merged.Document.Relations.Single().HeadId.Should().Be("T2");
        merged.Repairs.Should().Contain(DropReasons.MergedDuplicateEntities, 1);
    }

    [Fact]
    public void Relations_are_checked_against_the_schema_and_entity_indexes()
    {
        CandidateSample R(params CandidateRelation[] rels) => new("Cisplatin caused nephrotoxicity.", [E("Cisplatin", "Chemical"), E("nephrotoxicity", "Disease")], rels);

        var ok = Validator.Validate(R(new CandidateRelation("CID", 0, 1), new CandidateRelation("CID", 0, 1)), "d");
        ok.Document!.Relations.Should().ContainSingle().Which.Should().Match<Relation>(r => r.HeadId == "T1" && r.TailId == "T2" && r.Source == AnnotationSource.Synthetic);
        ok.Repairs.Should().Contain(DropReasons.MergedDuplicateRelations, 1);

        Validator.Validate(R(new CandidateRelation("CID", 1, 0)), "d").DropReason.Should().Be(DropReasons.RelationTypeNotAllowed, "Disease -> Chemical is the wrong direction");
        Validator.Validate(R(new CandidateRelation("Treats", 0, 1)), "d").DropReason.Should().Be(DropReasons.RelationTypeNotAllowed);
        Validator.Validate(R(new CandidateRelation("CID", 0, 5)), "d").DropReason.Should().Be(DropReasons.DanglingRelation);
        Validator.Validate(R(new CandidateRelation("CID", 0, 0)), "d").DropReason.Should().Be(DropReasons.DanglingRelation);
        Validator.Validate(R(new CandidateRelation("CID", -1, 1)), "d").DropReason.Should().Be(DropReasons.DanglingRelation);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't write that.")]
    [InlineData("As an AI language model, I cannot provide patient data.")]
    [InlineData("  \"I cannot help with this request.\"")]
    [InlineData("Note: as an AI model I made this up: rash after aspirin.")]
    public void Refusals_are_dropped(string text) =>
        Validator.Validate(S(text, E("aspirin", "Chemical")), "d").DropReason.Should().Be(DropReasons.Refusal);

    [Fact]
    public void A_clinical_sentence_quoting_an_apology_is_not_a_refusal() =>
        Validator.Validate(S("She said she was sorry she missed her aspirin.", E("aspirin", "Chemical")), "d").Kept.Should().BeTrue();

    [Fact]
    public void Empty_too_long_and_malformed_samples_are_dropped()
    {
        Validator.Validate(S("   ", E("x", "Disease")), "d").DropReason.Should().Be(DropReasons.Empty);
        Validator.Validate(S(new string('a', 2001) + " rash", E("rash", "Disease")), "d").DropReason.Should().Be(DropReasons.TooLong);
        var many = Enumerable.Range(0, 41).Select(_ => E("rash", "Disease")).ToArray();
        Validator.Validate(S("rash", many), "d").DropReason.Should().Be(DropReasons.TooLong);
        Validator.Validate(S("rash", E("", "Disease")), "d").DropReason.Should().Be(DropReasons.MalformedSample);
        Validator.Validate(S("rash"), "d").DropReason.Should().Be(DropReasons.NoEntities);
    }

    [Fact]
    public void Metadata_is_carried_into_the_document()
    {
        var meta = new Dictionary<string, string> { ["provider"] = "openai" };
        Validator.Validate(S("rash", E("rash", "Disease")), "syn-000001", meta).Document!.Document.Meta["provider"].Should().Be("openai");
    }
}
