using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class PackageCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Base()
    {
        var path = _dir.File("base.zip");
        new ModelPackageBuilder("base", LabelSchema.FromLabels(["Problem"]))
            .SetJson(ModelPackage.MetricsEntry, new System.Text.Json.Nodes.JsonObject { ["f1"] = 0.5 })
            .Save(path);
        return path;
    }

    [Fact]
    public void Add_context_writes_a_new_package_with_both_components()
    {
        var source = Base();
        var before = File.ReadAllBytes(source);
        var target = _dir.File("with-context.zip");
        var run = CliRunner.Run("package", "add-context", "--model", source, "--out", target);
        run.ExitCode.Should().Be(0, run.ToString());
        var package = ModelPackage.Open(target);
        package.Components.Select(c => c.Kind).Should().Equal(SectionAnnotator.ComponentKind, ContextAnnotator.ComponentKind);
        package.HasEntry(ModelPackage.MetricsEntry).Should().BeTrue("everything else is carried over");
        File.ReadAllBytes(source).Should().Equal(before, "the source package is never changed");
    }

    [Fact]
    public void Custom_rules_are_validated_before_anything_is_written()
    {
        var rules = _dir.File("rules.json");
        File.WriteAllText(rules, """{ "format": "asclepius-context-rules", "version": 1, "rules": [ { "literal": "no", "category": "negated", "direction": "forward", "scope": 3 } ] }""");
        var target = _dir.File("out.zip");
        var run = CliRunner.Run("package", "add-context", "--model", Base(), "--out", target, "--rules", rules);
        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("ATM203").And.Contain("'scope'").And.Contain("max_scope");
        File.Exists(target).Should().BeFalse();
    }

    [Fact]
    public void Out_must_differ_from_model()
    {
        var source = Base();
        CliRunner.Run("package", "add-context", "--model", source, "--out", source).ExitCode.Should().Be(2);
    }
}
