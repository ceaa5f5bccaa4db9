using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Prompts;
using Asclepius.TextMining.Generation.Tests.Fixtures;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Tests.Prompts;

/// <summary>Hard negatives in LLM prompts (issue 16): non-entity note words listed for the model to use unlabeled.</summary>
public sealed class HardNegativeTests
{
    [Fact]
    public void Prompts_list_note_terms_but_never_an_entity_surface_or_an_abstract_class()
    {
        using var dir = new TempDir();
        var builder = MiniData.Builder(MiniData.Write(dir.Path));
        var listed = Enumerable.Range(0, 40).SelectMany(seed => builder.Build(4, seed % 2 == 0, new Random(seed), []).Negatives!).ToHashSet();

        listed.Should().Contain("midline").And.Contain(n => n == "Foley catheter" || n == "Foley").And.Contain(n => n == "left atrium" || n == "LA");
        listed.Should().NotContain("rash", "a disease surface is no hard negative").And.NotContain("p-value", "statistics are abstract words, not note words");
    }

    [Fact]
    public void The_rendered_prompt_carries_the_negatives_it_reports()
    {
        using var dir = new TempDir();
        var builder = MiniData.Builder(MiniData.Write(dir.Path), new PromptBuilderOptions { NegativesPerPrompt = 2 });
        var p = builder.Build(4, false, new Random(5), []);

        p.Negatives.Should().HaveCount(2);
        p.Text.Should().Contain("NEVER LABEL: " + string.Join(", ", p.Negatives!));
    }

    [Fact]
    public void A_template_without_the_placeholder_lists_none_and_draws_as_before()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        var withTerms = MiniData.Builder(data);
        File.WriteAllText(Path.Combine(data, "prompts", PromptSet.EntitiesFile), "Write {{count}} sentences.\nSEEDS:\n{{seeds}}\nSTYLE: {{style}}\n");
        var plain = MiniData.Builder(data);
        File.Delete(Path.Combine(data, "lexicons", HardNegatives.LexiconFile));
        var noTerms = MiniData.Builder(data);

        var a = plain.Build(4, false, new Random(9), []);
        a.Negatives.Should().BeNull();
        a.Text.Should().Be(noTerms.Build(4, false, new Random(9), []).Text, "the negatives are drawn last, only for a template that lists them");
        withTerms.Build(4, false, new Random(9), []).Text.Should().Contain("NEVER LABEL: ");
    }

    [Fact]
    public void A_data_folder_without_terms_renders_none()
    {
        using var dir = new TempDir();
        var data = MiniData.Write(dir.Path);
        File.Delete(Path.Combine(data, "lexicons", HardNegatives.LexiconFile));
        var p = MiniData.Builder(data).Build(4, false, new Random(1), []);
        p.Text.Should().Contain("NEVER LABEL: (none)");
        p.Negatives.Should().BeEmpty();
    }

    [Theory]
    [InlineData("chemical-disease")]
    [InlineData("drug-ade")]
    public void Shipped_v2_prompts_ask_for_note_shaped_items_with_hard_negatives_from_the_shipped_terms(string schemaName)
    {
        var data = Path.Combine(SharedData.RepoRoot, "data");
        var schema = DataFolder.LoadSchema(schemaName, data);
        var negatives = HardNegatives.Load(schema, data);
        negatives.Count.Should().BeGreaterThan(150);
        var builder = new PromptBuilder(schema, PromptSet.Load(data), SeedBank.Load(schema, data), StyleCatalog.Load(Path.Combine(data, "styles", "styles.json")), null, negatives);

        var entities = builder.Build(6, false, new Random(3), []);
        entities.Template.Id.Should().Be("generate-entities.v2");
        entities.Negatives.Should().HaveCount(12);
        entities.Text.Should().Contain("HARD NEGATIVES").And.Contain(entities.Negatives![0]).And.Contain("MEDICATIONS:").And.Contain("denies").And.NotContain("{{");
        var relations = builder.Build(4, true, new Random(3), []);
        relations.Template.Id.Should().Be("generate-relations.v2");
        relations.Text.Should().Contain("HARD NEGATIVES").And.Contain(relations.Negatives![0]).And.NotContain("{{");

        var entitySurfaces = schema.Entities.Select(e => e.Lexicon).OfType<string>()
            .SelectMany(l => Lexicon.Load(Path.Combine(data, l)).Entries.SelectMany(e => e.Variants.Prepend(e.Name)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = Enumerable.Range(0, 50).SelectMany(s => builder.Build(6, false, new Random(s), []).Negatives!).ToList();
        listed.Where(entitySurfaces.Contains).Should().BeEmpty("a listed hard negative is never a surface of the schema's entity lexicons");
        File.Exists(Path.Combine(data, "prompts", "generate-entities.v1.txt")).Should().BeTrue("old prompt versions stay so old runs stay explainable");
    }
}
