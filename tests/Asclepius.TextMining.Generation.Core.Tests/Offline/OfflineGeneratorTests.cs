using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Tests.Offline;

public sealed class OfflineGeneratorTests
{
    private static readonly OfflineGeneratorOptions Plain = new()
    {
        MultiTemplateShare = 0, ParentheticalAbbreviationShare = 0, CoinedAbbreviationShare = 0, FillerAbbreviationShare = 0, CompanionShare = 0, OpenerShare = 0, CapitalizedMentionShare = 0, LowercaseNoteShare = 0, UppercaseNoteShare = 0,
    };

    private static IReadOnlyList<CandidateSample> Samples(OfflineGenerator g, int count, int seed = 1, long batch = 0) =>
        g.Generate(new GenerationRequest(OfflineFixtures.Schema, count, seed, batch)).Samples;

    [Fact]
    public void Entity_offsets_slice_exactly_to_their_text()
    {
        var g = OfflineFixtures.Generator(new OfflineGeneratorOptions { MultiTemplateShare = 0.5, ParentheticalAbbreviationShare = 0.5, CapitalizedMentionShare = 0.2 },
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "a"),
            OfflineFixtures.Line("Patients on {Chemical:1} ({Chemical:1|alt}) had {Disease:1} and {Disease:2}; {Chemical:2} did not help.", OfflineFixtures.Cid11, relation: "CID", id: "b"),
            OfflineFixtures.Line("No {Disease:1} was seen with {Chemical:1}.", context: "negated", id: "c"));

        foreach (var s in Samples(g, 300))
        {
            s.Entities.Should().NotBeEmpty();
            foreach (var e in s.Entities)
            {
                s.Text.Substring(e.Start!.Value, e.End!.Value - e.Start.Value).Should().Be(e.Text);
                e.Text.Should().NotStartWith(" ").And.NotEndWith(" ");
            }
            var validated = new SampleValidator(OfflineFixtures.Schema).Validate(s, "x");
            validated.Kept.Should().BeTrue(validated.DropReason);
            validated.Repairs.Should().BeEmpty();
        }
    }

    [Fact]
    public void Relations_link_every_mention_of_the_head_slot_to_every_mention_of_the_tail_slot()
    {
        var g = OfflineFixtures.Generator(Plain, OfflineFixtures.Line("{Chemical:1} caused {Disease:1}; {Disease:1} resolved after {Chemical:1} was stopped, unlike {Disease:2}.", OfflineFixtures.Cid11, relation: "CID"));
        var s = Samples(g, 1).Single();

        s.Entities.Select(e => e.Label).Should().Equal("Chemical", "Disease", "Disease", "Chemical", "Disease");
        s.Relations.Select(r => (r.Label, r.Head, r.Tail)).Should().BeEquivalentTo([("CID", 0, 1), ("CID", 0, 2), ("CID", 3, 1), ("CID", 3, 2)]);
    }

    [Fact]
    public void Same_seed_and_batch_give_the_same_samples_and_other_seeds_differ()
    {
        var g = OfflineFixtures.Generator(null,
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "a"),
            OfflineFixtures.Line("{Disease:1} after {Chemical:1} and {Chemical:2}.", OfflineFixtures.Cid11, relation: "CID", id: "b"));
        string Dump(IReadOnlyList<CandidateSample> ss) => string.Join("\n", ss.Select(s => s.Text + "|" + string.Join(",", s.Entities.Select(e => $"{e.Start}-{e.End}"))));

        Dump(Samples(g, 20, seed: 5, batch: 3)).Should().Be(Dump(Samples(g, 20, seed: 5, batch: 3)));
        Dump(Samples(g, 20, seed: 6, batch: 3)).Should().NotBe(Dump(Samples(g, 20, seed: 5, batch: 3)));
    }

    [Fact]
    public void Sentence_initial_slots_get_a_capital_unless_the_surface_has_its_own()
    {
        var g = OfflineFixtures.Generator(Plain, OfflineFixtures.Line("{Disease:1} occurred. Then {Chemical:1} was given. {Chemical:1} helped.", context: "affirmed"));
        foreach (var s in Samples(g, 100))
        {
            var first = s.Entities[0].Text;
            char.IsUpper(first[0]).Should().BeTrue(first);
            var third = s.Entities[2].Text;
            (char.IsUpper(third[0]) || third.Any(char.IsUpper)).Should().BeTrue(third);
            var second = s.Entities[1].Text;
            if (!OfflineFixtures.Chemicals.Entries.SelectMany(e => e.Variants.Prepend(e.Name)).Any(v => v == second && v.Any(char.IsUpper)))
                char.IsLower(second[0]).Should().BeTrue($"'{second}' is mid-sentence");
        }
    }

    [Fact]
    public void Adjectival_variants_never_fill_noun_slots()
    {
        var g = OfflineFixtures.Generator(Plain with { PreferredNameShare = 0 }, OfflineFixtures.Line("The patient developed {Disease:1}.", context: "affirmed"));
        var surfaces = Samples(g, 400).Select(s => s.Entities[0].Text).ToHashSet();
        surfaces.Should().NotContain(["hypotensive", "nephrotoxic", "nauseated"]);
        surfaces.Should().Contain(["low blood pressure", "MI", "renal toxicity"]);
    }

    [Fact]
    public void Class_options_restrict_the_concepts_and_distinct_slots_get_distinct_concepts()
    {
        var g = OfflineFixtures.Generator(Plain, OfflineFixtures.Line("{Disease:1|class=cardiovascular} and {Disease:2|class=cardiovascular} after {Chemical:1}.", context: "affirmed"));
        foreach (var s in Samples(g, 100))
        {
            var names = s.Entities.Where(e => e.Label == "Disease").Select(e => Concept(OfflineFixtures.Diseases, e.Text)).ToArray();
            names.Should().OnlyContain(n => n == "hypotension" || n == "myocardial infarction");
            names.Should().OnlyHaveUniqueItems();
        }
    }

    [Fact]
    public void Alt_mentions_use_another_surface_of_the_same_concept()
    {
        var g = OfflineFixtures.Generator(Plain, OfflineFixtures.Line("{Chemical:1} ({Chemical:1|alt}) caused {Disease:1}.", OfflineFixtures.Cid11, relation: "CID"));
        foreach (var s in Samples(g, 100))
        {
            var (a, b) = (s.Entities[0].Text, s.Entities[1].Text);
            Concept(OfflineFixtures.Chemicals, a).Should().Be(Concept(OfflineFixtures.Chemicals, b));
            if (Concept(OfflineFixtures.Chemicals, a) != "lithium") b.Should().NotBeEquivalentTo(a);
        }
    }

    [Fact]
    public void A_full_name_may_be_followed_by_its_abbreviation_in_parentheses()
    {
        var g = OfflineFixtures.Generator(Plain with { ParentheticalAbbreviationShare = 1, PreferredNameShare = 1 },
            OfflineFixtures.Line("{Disease:1|class=cardiovascular} was seen with {Chemical:1|class=immunosuppressant}.", context: "affirmed"));
        var s = Samples(g, 50).First(x => x.Text.StartsWith("Myocardial", StringComparison.Ordinal));

        s.Text.Should().Be("Myocardial infarction (MI) was seen with cyclosporine (CsA).");
        s.Entities.Select(e => (e.Text, e.Label)).Should().Equal(("Myocardial infarction", "Disease"), ("MI", "Disease"), ("cyclosporine", "Chemical"), ("CsA", "Chemical"));
    }

    [Fact]
    public void Fillers_are_written_but_are_not_entities()
    {
        var g = OfflineFixtures.Generator(Plain, OfflineFixtures.Line("{Chemical:1} given for {~dis:1} caused {Disease:1}.", OfflineFixtures.Cid11, relation: "CID"));
        foreach (var s in Samples(g, 50))
        {
            s.Entities.Select(e => e.Label).Should().Equal("Chemical", "Disease");
            var filler = s.Text[(s.Entities[0].End!.Value + " given for ".Length)..s.Text.IndexOf(" caused ", StringComparison.Ordinal)];
            Concept(OfflineFixtures.Diseases, filler).Should().NotBe(Concept(OfflineFixtures.Diseases, s.Entities[1].Text), "a filler is another concept than the entity slots");
        }
    }

    [Fact]
    public void Multi_template_documents_join_templates_and_keep_offsets_and_relations_per_template()
    {
        var g = OfflineFixtures.Generator(Plain with { MultiTemplateShare = 1, MaxTemplatesPerDocument = 3 },
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "a"),
            OfflineFixtures.Line("{Disease:1} was not seen with {Chemical:2}.", context: "negated", id: "b"),
            OfflineFixtures.Line("We studied {Chemical:1} in {Disease:2}.", id: "c"));
        var samples = Samples(g, 50);
        samples.Should().OnlyContain(s => s.TemplateId!.Contains('+'));
        foreach (var s in samples)
            foreach (var r in s.Relations)
            {
                s.Entities[r.Head].Label.Should().Be("Chemical");
                s.Entities[r.Tail].Label.Should().Be("Disease");
            }
        samples.Select(s => s.Metadata!["context"]).Should().Contain(c => c.Contains("negated"));
    }

    [Fact]
    public void Model_id_changes_with_the_options()
    {
        var line = OfflineFixtures.Line("{Chemical:1}-induced {Disease:1}.", OfflineFixtures.Cid11, relation: "CID");
        var a = OfflineFixtures.Generator(null, line);
        var b = OfflineFixtures.Generator(new OfflineGeneratorOptions { MultiTemplateShare = 0.1 }, line);
        a.Model.Should().StartWith(OfflineGenerator.TemplateSetVersion + "@");
        a.Model.Should().NotBe(b.Model);
        a.Provider.Should().Be("offline");
    }

    [Fact]
    public void A_coined_abbreviation_is_an_entity_and_later_mentions_mostly_use_it()
    {
        var g = OfflineFixtures.Generator(Plain with { CoinedAbbreviationShare = 1, PreferredNameShare = 1 },
            OfflineFixtures.Line("{Chemical:1|class=mood-stabilizer} caused {Disease:1}. {Chemical:1|class=mood-stabilizer} was stopped.", OfflineFixtures.Cid11, relation: "CID"));
        var samples = Samples(g, 60);
        var reused = 0;
        foreach (var s in samples)
        {
            var chemicals = s.Entities.Where(e => e.Label == "Chemical").Select(e => e.Text).ToArray();
            chemicals[0].Should().Be("Lithium");
            if (chemicals.Length == 3)
            {
                s.Text.Should().StartWith($"Lithium ({chemicals[1]}) caused ");
                s.Relations.Should().Contain(r => s.Entities[r.Head].Text == chemicals[1], "the abbreviation takes part in the relation");
                if (chemicals[2] == chemicals[1]) reused++;
            }
        }
        reused.Should().BeGreaterThan(samples.Count / 2);
    }

    [Fact]
    public void Fillers_define_abbreviations_that_are_not_entities()
    {
        var g = OfflineFixtures.Generator(Plain with { FillerAbbreviationShare = 1, PreferredNameShare = 1 },
            OfflineFixtures.Line("{Chemical:1} was given for {~dis:1|class=cardiovascular} and {Disease:1|class=renal} followed.", OfflineFixtures.Cid11, relation: "CID"));
        var s = Samples(g, 40).First(x => x.Text.Contains("myocardial infarction (MI)", StringComparison.Ordinal));
        s.Entities.Select(e => e.Label).Should().Equal("Chemical", "Disease");
        s.Entities.Should().NotContain(e => e.Text == "MI");
    }

    [Fact]
    public void Surfaces_that_name_a_chemical_cause_never_fill_a_slot()
    {
        var causes = new HashSet<string>(["heparin", "warfarin"], StringComparer.OrdinalIgnoreCase);
        var lexicon = new Asclepius.TextMining.Generation.Prompts.Lexicon("dis", [new("heparin-induced thrombocytopenia", ["HIT", "drug-induced thrombocytopenia"], "hematologic")]);
        var pool = new ConceptPool(lexicon, causes);
        pool.Concepts[0].Nouns.Should().Equal("HIT", "drug-induced thrombocytopenia");
        var empty = new ConceptPool(new Asclepius.TextMining.Generation.Prompts.Lexicon("x", [new("warfarin-induced skin necrosis", [], "skin")]), causes);
        empty.Candidates(null).Should().BeEmpty("a concept with nothing to write is never drawn");
    }

    [Fact]
    public void Companion_templates_join_documents_but_never_open_or_stand_alone()
    {
        var g = OfflineFixtures.Generator(Plain with { CompanionShare = 1 },
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "main"),
            OfflineFixtures.Line("Levels of {~chem:1} were measured.", id: "companion"));
        g.Templates.Single(t => t.Id == "companion").IsCompanion.Should().BeTrue();
        foreach (var s in Samples(g, 30))
        {
            s.TemplateId.Should().Be("main+companion");
            s.Entities.Select(e => e.Label).Should().Equal("Chemical", "Disease");
        }
    }

    [Fact]
    public void Openers_start_some_sentences_and_the_slot_after_them_is_not_capitalized()
    {
        var g = OfflineFixtures.Generator(Plain with { OpenerShare = 1 },
            OfflineFixtures.Line("{Disease:1} followed {Chemical:1}.", OfflineFixtures.Cid11, relation: "CID", id: "slot-first"),
            OfflineFixtures.Line("The rats given {Chemical:1} had {Disease:1}.", OfflineFixtures.Cid11, relation: "CID", id: "the-first"),
            OfflineFixtures.Line("Wistar rats given {Chemical:1} had {Disease:1}.", OfflineFixtures.Cid11, relation: "CID", id: "other-first"));
        foreach (var s in Samples(g, 60))
        {
            switch (s.TemplateId)
            {
                case "slot-first":
                    var first = s.Entities[0];
                    first.Start.Should().BeGreaterThan(0, s.Text);
                    s.Text[..first.Start!.Value].Should().EndWith(", ");
                    (char.IsLower(first.Text[0]) || first.Text.Skip(1).Any(char.IsUpper)).Should().BeTrue($"'{first.Text}' follows an opener");
                    break;
                case "the-first":
                    s.Text.Should().Contain(", the rats given ", "the first word is lower-cased after an opener");
                    break;
                default:
                    s.Text.Should().StartWith("Wistar rats", "a first word not known to be ordinary keeps its place and case");
                    break;
            }
        }
    }

    private static string Concept(global::Asclepius.TextMining.Generation.Prompts.Lexicon lexicon, string surface) =>
        lexicon.Entries.Single(e => e.Name.Equals(surface, StringComparison.OrdinalIgnoreCase) || e.Variants.Any(v => v.Equals(surface, StringComparison.OrdinalIgnoreCase))).Name;

    [Fact]
    public void Note_share_weighs_note_and_abstract_documents_whatever_the_template_counts()
    {
        // One note template against three abstract ones: as the templates fall a quarter are notes.
        string[] lines =
        [
            OfflineFixtures.Line("Pt on {Chemical:1}, now with {Disease:1}.", id: "note", style: "progress-note"),
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "a1", style: "animal-study"),
            OfflineFixtures.Line("Rats given {Chemical:1} had {Disease:1}.", OfflineFixtures.Cid11, relation: "CID", id: "a2", style: "animal-study"),
            OfflineFixtures.Line("{Disease:1} after {Chemical:1} in a patient.", OfflineFixtures.Cid11, relation: "CID", id: "a3"),
        ];
        double NoteShare(OfflineGeneratorOptions o) => Samples(OfflineFixtures.Generator(o, lines), 2000).Count(s => s.TemplateId == "note") / 2000.0;

        NoteShare(Plain with { NoteShare = null }).Should().BeApproximately(0.25, 0.04);
        NoteShare(Plain with { NoteShare = 0.7 }).Should().BeApproximately(0.7, 0.04);
        NoteShare(Plain with { NoteShare = 0 }).Should().Be(0);
    }

    [Fact]
    public void A_note_takes_up_to_max_note_companions_and_an_abstract_one()
    {
        string[] lines =
        [
            OfflineFixtures.Line("Pt on {Chemical:1}, now with {Disease:1}.", id: "note", style: "progress-note"),
            OfflineFixtures.Line("Vitals stable.", id: "nc1", style: "progress-note"),
            OfflineFixtures.Line("Afebrile overnight.", id: "nc2", style: "progress-note"),
            OfflineFixtures.Line("Will follow up.", id: "nc3", style: "progress-note"),
            OfflineFixtures.Line("{Chemical:1}-induced {Disease:1} in rats.", OfflineFixtures.Cid11, relation: "CID", id: "abstract", style: "animal-study"),
            OfflineFixtures.Line("Rats were housed in pairs.", id: "ac1", style: "animal-study"),
        ];
        var samples = Samples(OfflineFixtures.Generator(Plain with { CompanionShare = 1, MaxNoteCompanions = 3 }, lines), 200);
        foreach (var s in samples)
        {
            var parts = s.TemplateId!.Split('+');
            if (parts[0] == "note") parts.Should().HaveCount(4, "three companions, each joining with CompanionShare 1");
            else parts.Should().Equal("abstract", "ac1");
        }
        samples.Select(s => s.TemplateId!.Split('+')[0]).Distinct().Should().HaveCount(2);
    }
}
