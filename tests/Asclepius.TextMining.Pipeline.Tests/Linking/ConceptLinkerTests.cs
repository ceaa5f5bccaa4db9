using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Pipeline.Linking;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Pipeline.Tests.Linking;

public sealed class ConceptLinkerTests
{
    private static readonly Lazy<ConceptVocabulary> Vocabulary = new(() =>
    {
        using var dir = new TempFolder();
        return VocabularyImport.Read(OmopVocabularyFixture.WriteAthena(dir.File("athena")), LinkerOptions.Default).Builder.Build(LinkerOptions.Default.AllDomains());
    });

    private static ConceptLinker Linker(double threshold = 0.7) => new(Vocabulary.Value, LinkerOptions.Default.WithThreshold(threshold));

    [Theory]
    [InlineData("Myocardial infarction", "Disease", "4329847")]
    [InlineData("heart attack", "Disease", "4329847")]
    [InlineData("Myocardial-infarctions", "Disease", "4329847")]
    [InlineData("HYPERTENSION", "Disease", "316866")]
    [InlineData("anaemia", "Disease", "439777")]
    [InlineData("type II diabetes mellitus", "Disease", "201826")]
    [InlineData("Acetylsalicylic acid", "Chemical", "1112807")]
    [InlineData("Aspirin", "Chemical", "1112807")]
    public void Exact_and_normalized_names_link_with_score_one_or_near_misses_by_trigrams(string text, string label, string id)
    {
        var link = Linker().Link(text, label);
        link.Should().NotBeNull();
        link!.Id.Should().Be(id);
    }

    [Fact]
    public void A_misspelling_links_by_trigram_cosine_above_the_threshold_and_not_above_a_stricter_one()
    {
        var link = Linker().Link("myocardial infraction", "Disease");
        link!.Id.Should().Be("4329847");
        link.Score.Should().BeLessThan(1).And.BeGreaterThanOrEqualTo(0.7);
        Linker(threshold: 0.99).Link("myocardial infraction", "Disease").Should().BeNull();
        Linker(threshold: 0.99).Candidate("myocardial infraction", "Disease")!.Score.Should().Be(link.Score);
    }

    [Fact]
    public void Non_standard_names_lead_to_the_standard_concept_following_a_maps_to_chain()
    {
        var direct = Linker().Link("Acute myocardial infarction, unspecified", "Disease")!;
        direct.Should().Be(new ConceptLink("4329847", "SNOMED", "Myocardial infarction", 1.0, SourceId: "45533"));
        var chained = Linker().Link("arrest of heart, old code", "Disease")!;
        chained.Id.Should().Be("321042", "ICD9CM → deprecated SNOMED → standard SNOMED");
        chained.SourceId.Should().Be("9000001");
    }

    [Fact]
    public void A_standard_concept_wins_over_a_non_standard_one_with_the_same_name()
    {
        Linker().Link("Sodium chloride", "Chemical")!.Id.Should().Be("967823");
    }

    [Fact]
    public void Only_the_domains_configured_for_a_label_serve_it_and_unconfigured_labels_get_nothing()
    {
        Linker().Link("HbA1c", "Chemical").Should().BeNull("a Measurement never serves a Chemical");
        Linker().Link("HbA1c", "Test")!.Id.Should().Be("3004410");
        Linker().Link("aspirin", "Gene").Should().BeNull("Gene is not configured");
        Linker().Link("Finding of smoking", "Disease").Should().BeNull("an Observation serves Problem, not Disease");
        Linker().Link("Finding of smoking", "Problem")!.Id.Should().Be("4144746");
    }

    [Fact]
    public void Unrelated_text_gets_no_concept()
    {
        Linker().Link("zebra crossing quartz", "Disease").Should().BeNull();
        Linker().Link("", "Disease").Should().BeNull();
        Linker().Link("--", "Disease").Should().BeNull();
    }

    [Fact]
    public void An_abbreviation_defined_in_the_note_links_to_its_long_form()
    {
        const string text = "She developed neuroleptic malignant syndrome (NMS) on haloperidol. NMS resolved after it was stopped.";
        var nms = text.LastIndexOf("NMS", StringComparison.Ordinal);
        var doc = new Document("n1", text);
        var entities = new[]
        {
            new Entity("T1", new TextSpan(14, 44), "Disease", Source: AnnotationSource.Predicted),
            new Entity("T2", new TextSpan(54, 65), "Chemical", Source: AnnotationSource.Predicted),
            new Entity("T3", new TextSpan(nms, nms + 3), "Disease", Source: AnnotationSource.Predicted),
        };

        var linked = Linker().Annotate(doc, Core.Text.ClinicalTokenizer.Default.Tokenize(text), entities);

        linked.Select(e => e.Concept).Should().Equal("4182210", "19075601", "4182210");
        linked[2].Link!.Name.Should().Be("Neuroleptic malignant syndrome");
        Linker().Link("NMS", "Disease").Should().BeNull("without the note's definition NMS is nothing");
    }

    [Fact]
    public void An_entity_that_already_names_a_concept_keeps_it_and_repeated_mentions_share_the_answer()
    {
        const string text = "aspirin and aspirin; hypertension";
        var entities = new[]
        {
            new Entity("T1", new TextSpan(0, 7), "Chemical", Concept: "GOLD-1"),
            new Entity("T2", new TextSpan(12, 19), "Chemical"),
            new Entity("T3", new TextSpan(21, 33), "Disease"),
        };
        var linked = Linker().Annotate(new Document("n", text), Core.Text.ClinicalTokenizer.Default.Tokenize(text), entities);
        linked.Select(e => e.Concept).Should().Equal("GOLD-1", "1112807", "316866");
        linked[0].Link.Should().BeNull();
    }

    [Fact]
    public void Abbreviation_finder_follows_schwartz_hearst()
    {
        AbbreviationFinder.Find("patients with neuroleptic malignant syndrome (NMS) and acute renal failure (ARF; n = 3)")
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["NMS"] = "neuroleptic malignant syndrome", ["ARF"] = "acute renal failure" });
        AbbreviationFinder.Find("the dose (10 mg) was given (see above)").Should().BeEmpty();
    }

    [Theory]
    [InlineData("Anaemia", "anemia")]
    [InlineData("OEDEMA", "edema")]
    [InlineData("tumours", "tumor")]
    [InlineData("α-Blockers", "alpha blocker")]
    [InlineData("Diabetes  mellitus,", "diabetes mellitus")]
    [InlineData("kidney diseases", "kidney disease")]
    [InlineData("arrhythmias", "arrhythmia")]
    [InlineData("therapies", "therapy")]
    [InlineData("abscesses", "abscess")]
    [InlineData("sulphate", "sulfate")]
    [InlineData("herpes", "herpes")]
    [InlineData("Sjögren's syndrome", "sjogren s syndrome")]
    public void Normalizer_meets_case_punctuation_greek_plural_and_spelling_variants(string text, string normalized)
    {
        TermNormalizer.Normalize(text).Should().Be(normalized);
    }

    [Fact]
    public void Vocabulary_survives_its_binary_layout_byte_for_byte_and_a_truncated_file_is_refused()
    {
        var bytes = Vocabulary.Value.ToBytes();
        var back = ConceptVocabulary.Read(new MemoryStream(bytes), "v.bin");
        back.ToBytes().Should().Equal(bytes);
        new ConceptLinker(back, LinkerOptions.Default).Link("myocardial infraction", "Disease")!.Id.Should().Be("4329847");

        var act = () => ConceptVocabulary.Read(new MemoryStream(bytes[..(bytes.Length / 2)]), "v.bin");
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.VocabularyInvalid && e.Message.Contains("v.bin"));
    }

    [Fact]
    public void Linker_in_a_package_runs_after_the_recognizer_its_files_are_hashed_and_entities_carry_concepts()
    {
        using var dir = new TempFolder();
        var basePath = TestPackages.Dictionary(dir.File("base.zip"));
        var builder = ModelPackageBuilder.From(ModelPackage.Open(basePath, ComponentCatalog.KnownKinds));
        ConceptLinker.AddTo(builder, ConceptLinker.Files(Vocabulary.Value, LinkerOptions.Default));
        builder.Save(dir.File("linked.zip"));

        var pipeline = ExtractionPipeline.Load(dir.File("linked.zip"));
        pipeline.Package.Components.Select(c => c.Kind).Should().Equal("Ner.Dictionary.v1", ConceptLinker.ComponentKind);
        pipeline.Package.Manifest.Entries.Keys.Should().Contain($"components/{ConceptLinker.ComponentName}/{ConceptVocabulary.FileName}");
        var doc = pipeline.Process(new Document("n1", "Hypertension treated with aspirin; chest pain persists."));
        doc.Entities.Select(e => (e.Label, e.Concept)).Should().Equal(("Disease", "316866"), ("Chemical", "1112807"), ("Disease", null));
        doc.Entities[0].Link!.Vocabulary.Should().Be("SNOMED");
    }

    [Fact]
    public void Linker_options_are_read_strictly()
    {
        var ok = LinkerOptions.Parse("""{"threshold":0.5,"labels":{"Chemical":{"domains":["Drug"]},"*":{}}}""", "l.json");
        ok.Threshold.Should().Be(0.5);
        ok.ScopeOf("Anything")!.Domains.Should().BeEmpty();
        ok.AllDomains().Should().BeNull("a label takes every domain");
        foreach (var bad in new[] { """{"treshold":0.5}""", """{"threshold":2}""", """{"labels":{"Chemical":{"domain":["Drug"]}}}""", "[]", "{" })
            ((Action)(() => LinkerOptions.Parse(bad, "l.json"))).Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.VocabularyInvalid && e.Message.Contains("l.json"));
    }
}
