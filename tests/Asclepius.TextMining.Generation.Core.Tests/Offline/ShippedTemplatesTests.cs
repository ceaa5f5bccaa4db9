using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Data;
using Asclepius.TextMining.Generation.Offline;
using Asclepius.TextMining.Generation.Validation;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Generation.Tests.Offline;

/// <summary>The project's own data/ (templates and lexicons the team wrote; no corpus) loads strictly and renders valid samples.</summary>
public sealed class ShippedTemplatesTests
{
    private static string DataRoot => Path.Combine(SharedData.RepoRoot, "data");

    [Theory]
    [InlineData("chemical-disease", 300)]
    [InlineData("drug-ade", 100)]
    public void Shipped_templates_load_and_every_rendered_sample_validates(string schemaName, int minTemplates)
    {
        var schema = DataFolder.LoadSchema(schemaName, DataRoot);
        var generator = OfflineGenerator.Load(schema, DataRoot);
        generator.Templates.Count.Should().BeGreaterThanOrEqualTo(minTemplates);
        generator.Prompts.Select(p => p.Id).Should().Contain($"templates/{schemaName}.jsonl");

        var validator = new SampleValidator(schema);
        var samples = generator.Generate(new GenerationRequest(schema, 1500, 11, 0)).Samples;
        foreach (var s in samples)
        {
            var outcome = validator.Validate(s, "x");
            outcome.Kept.Should().BeTrue($"{s.TemplateId}: {outcome.DropReason}");
            outcome.Repairs.Should().BeEmpty(s.TemplateId);
            outcome.Document!.Entities.Should().HaveCount(s.Entities.Count, s.TemplateId);
        }
        samples.Select(s => s.TemplateId!.Split('+')[0]).Distinct().Count().Should().BeGreaterThan(minTemplates * 3 / 4, "templates are drawn uniformly");
    }

    [Fact]
    public void Shipped_concept_counts_load_and_a_weighted_draw_renders_valid_samples()
    {
        var schema = DataFolder.LoadSchema("chemical-disease", DataRoot);
        var generator = OfflineGenerator.Load(schema, DataRoot, new OfflineGeneratorOptions { ConceptWeighting = new ConceptWeighting() });
        generator.Prompts.Select(p => p.Id).Should().Contain(ConceptCounts.FileName);

        var validator = new SampleValidator(schema);
        foreach (var s in generator.Generate(new GenerationRequest(schema, 300, 11, 0)).Samples)
            validator.Validate(s, "x").Kept.Should().BeTrue(s.TemplateId);
    }
}
