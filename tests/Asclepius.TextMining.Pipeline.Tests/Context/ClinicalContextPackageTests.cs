using System.Text;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Sections;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Pipeline.Tests.Context;

public sealed class ClinicalContextPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atm-ctx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly LabelSchema Schema = LabelSchema.FromLabels(["Problem"]);

    [Fact]
    public void Package_with_sections_and_assertions_loads_and_annotates_in_order()
    {
        var path = Path.Combine(_dir, "m.zip");
        ClinicalContext.AddTo(new ModelPackageBuilder("ctx", Schema)).Save(path);

        var pipeline = ExtractionPipeline.Load(path);
        pipeline.Annotators.Select(a => a.Kind).Should().Equal(SectionAnnotator.ComponentKind, ContextAnnotator.ComponentKind);

        var text = "HPI: Denies chest pain.\nFAMILY HISTORY: Mother with breast cancer.";
        var gold = new[]
        {
            new Entity("T1", new TextSpan(12, 22), "Problem"),
            new Entity("T2", new TextSpan(text.IndexOf("breast", StringComparison.Ordinal), text.Length - 1), "Problem"),
        };
        var result = pipeline.Process(new Document("n1", text), ClinicalTokenizer.Default.Tokenize(text), gold);
        result.Entities.Select(e => (e.Section, e.Assertions)).Should().Equal(
            ("history_of_present_illness", Assertions.Negated),
            ("family_history", Assertions.Family));
    }

    [Fact]
    public void Package_keeps_the_rules_it_was_built_with()
    {
        var path = Path.Combine(_dir, "m.zip");
        var custom = ContextRuleSet.Parse("""
            { "format": "asclepius-context-rules", "version": 1,
              "rules": [ { "literal": "sans", "category": "negated", "direction": "forward" } ] }
            """);
        ClinicalContext.AddTo(new ModelPackageBuilder("ctx", Schema), custom).Save(path);
        var pipeline = ExtractionPipeline.Load(path);
        var text = "Sans fever. No cough.";
        var result = pipeline.Process(new Document("n", text), ClinicalTokenizer.Default.Tokenize(text),
            [new Entity("T1", new TextSpan(5, 10), "Problem"), new Entity("T2", new TextSpan(15, 20), "Problem")]);
        result.Entities.Select(e => e.Assertions).Should().Equal(Assertions.Negated, Assertions.None);
    }

    [Fact]
    public void Adding_again_replaces_the_components_and_keeps_relations_last()
    {
        var builder = new ModelPackageBuilder("ctx", Schema)
            .AddComponent("relations", "Rel.PairClassifier.v1", new Dictionary<string, byte[]> { ["model.json"] = [1] });
        ClinicalContext.AddTo(builder);
        ClinicalContext.AddTo(builder);
        builder.Components.Select(c => c.Name).Should().Equal("sections", "assertions", "relations");
    }

    [Fact]
    public void A_broken_rule_file_in_a_package_is_reported_with_the_entry()
    {
        var path = Path.Combine(_dir, "bad.zip");
        new ModelPackageBuilder("ctx", Schema)
            .AddComponent("assertions", ContextAnnotator.ComponentKind,
                new Dictionary<string, byte[]> { [ContextRuleSet.FileName] = Encoding.UTF8.GetBytes("""{ "format": "asclepius-context-rules", "version": 1, "rules": [ { "literal": "no", "category": "nope", "direction": "forward" } ] }""") })
            .Save(path);
        var ex = FluentActions.Invoking(() => ExtractionPipeline.Load(path)).Should().Throw<TextMiningException>().Which;
        ex.Code.Should().Be(ErrorCodes.RulesInvalid);
        ex.Message.Should().Contain("components/assertions/context.json").And.Contain("rules[0]");
    }
}
