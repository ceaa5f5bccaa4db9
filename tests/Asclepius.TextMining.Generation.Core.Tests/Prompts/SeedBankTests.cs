using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Tests.Prompts;

/// <summary>Issue 18, item 6: seeds come from schema-declared lexicon classes, never from a placeholder.</summary>
public sealed class SeedBankTests
{
    private const string Medication = """
        { "name": "medication", "entities": [
          { "label": "Medication", "lexicon": "lexicons/chemicals.tsv" },
          { "label": "Frequency" } ],
          "relations": [ { "label": "TakenAt", "pairs": [["Medication", "Frequency"]] } ] }
        """;

    [Fact]
    public void A_label_without_a_lexicon_is_an_error_naming_it_instead_of_a_placeholder_seed()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var act = () => SeedBank.Load(LabelSchema.Parse(Medication), data);
        act.Should().Throw<TextMiningException>().Where(e => e.Code == ErrorCodes.SchemaInvalid && e.Message.Contains("'Frequency'") && e.Message.Contains("\"seeds\": \"model\""));
    }

    [Fact]
    public void A_label_the_schema_leaves_to_the_model_on_purpose_gets_no_seeds()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var schema = LabelSchema.Parse(Medication.Replace("{ \"label\": \"Frequency\" }", "{ \"label\": \"Frequency\", \"seeds\": \"model\" }"));
        var bank = SeedBank.Load(schema, data);
        bank.Has("Frequency").Should().BeFalse();
        bank.Has("Medication").Should().BeTrue();
        LabelSchema.Parse(schema.ToJson()).Entities[1].ModelChoosesSeeds.Should().BeTrue("the choice survives the schema's JSON");
    }

    [Fact]
    public void Lexicon_classes_restrict_a_label_and_an_unknown_class_lists_the_known_ones()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var only = LabelSchema.Parse(MiniData.SchemaJson.Replace("\"lexicon\": \"lexicons/chemicals.tsv\"", "\"lexicon\": \"lexicons/chemicals.tsv\", \"lexicon_classes\": [\"antineoplastic\"]"));
        var names = SeedBank.Load(only, data).SampleDistinct("Chemical", 20, new Random(1), 0);
        names.Should().BeEquivalentTo(["cisplatin", "methotrexate"]);

        var unknown = LabelSchema.Parse(MiniData.SchemaJson.Replace("\"lexicon\": \"lexicons/chemicals.tsv\"", "\"lexicon\": \"lexicons/chemicals.tsv\", \"lexicon_exclude_classes\": [\"toxin\"]"));
        var act = () => SeedBank.Load(unknown, data);
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains("no class 'toxin'") && e.Message.Contains("antineoplastic"));
    }

    [Theory]
    [InlineData("\"seeds\": \"you pick\"", "'seeds' may only be")]
    [InlineData("\"lexicon_classes\": [\"a\"], \"lexicon_exclude_classes\": [\"b\"]", "not both")]
    [InlineData("\"lexicon_classes\": []", "non-empty array")]
    public void Bad_seed_keys_in_a_schema_are_refused(string keys, string message)
    {
        var act = () => LabelSchema.Parse(MiniData.SchemaJson.Replace("\"lexicon\": \"lexicons/chemicals.tsv\"", "\"lexicon\": \"lexicons/chemicals.tsv\", " + keys));
        act.Should().Throw<TextMiningException>().Where(e => e.Message.Contains(message));
    }

    [Fact]
    public void Shipped_drug_ade_seeds_no_toxins_or_endogenous_molecules_and_no_frequencies_as_dosage()
    {
        var data = Path.Combine(SharedData.RepoRoot, "data");
        var schema = LabelSchema.Load(Path.Combine(data, "schemas", "drug-ade.json"));
        var bank = SeedBank.Load(schema, data);
        var rng = new Random(3);
        var drugs = Enumerable.Range(0, 400).SelectMany(_ => bank.SampleDistinct("Drug", 10, rng, 0.25)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        drugs.Should().NotContain(["soman", "MPP+", "malondialdehyde"]);
        var chemicals = Lexicon.Load(Path.Combine(data, "lexicons", "chemicals.tsv"));
        var banned = chemicals.Entries.Where(e => e.Class is "toxin-industrial" or "neurotransmitter-endogenous" or "experimental-inducer" or "pesticide")
            .SelectMany(e => e.Variants.Prepend(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        drugs.Should().NotIntersectWith(banned);

        var dosages = Lexicon.Load(Path.Combine(data, "lexicons", "dosages.tsv"));
        var frequencies = dosages.Entries.Where(e => e.Class is "frequency" or "route" or "form" or "regimen").SelectMany(e => e.Variants.Prepend(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var doses = Enumerable.Range(0, 400).SelectMany(_ => bank.SampleDistinct("Dosage", 10, rng, 0.25)).ToList();
        doses.Should().NotBeEmpty().And.NotIntersectWith(frequencies);
    }
}
