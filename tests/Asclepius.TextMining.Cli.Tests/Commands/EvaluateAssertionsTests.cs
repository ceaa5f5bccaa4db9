using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Tests.Support;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Packaging;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class EvaluateAssertionsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A small kit in the rsAnnotations layout, written for this test.</summary>
    private string Kit()
    {
        var path = _dir.File("kit.txt");
        File.WriteAllText(path, string.Join("\n",
            "line number\tCondition\tsentence\tnegation_status (negated, affirmed, possible)\ttemporality (historical, recent, hypothetical)\texperiencer (patient, other)",
            "1\tfever\tShe denies any FEVER or chills.\tNegated\tRecent\tPatient",
            "2\tcough\tProductive COUGH for three days.\tAffirmed\tRecent\tPatient",
            "3\tasthma\tHistory of ASTHMA as a child.\tAffirmed\tHistorical\tPatient",
            "4\tchest pain\tReturn if CHEST PAIN recurs.\tAffirmed\tNot particular\tPatient",
            "5\tcolon cancer\tHer mother had COLON CANCER.\tAffirmed\tHistorical\tFamily member",
            "6\tedema\tNo EDEMA.\tNegated\tRecent\tPatient",
            "7\trash\tThe phrase is not in this sentence.\tAffirmed\tRecent\tPatient") + "\n");
        return path;
    }

    [Fact]
    public void Negex_gold_without_predictions_scores_the_rules()
    {
        var json = _dir.File("r.json");
        var report = _dir.File("report.html");
        var run = CliRunner.Run("evaluate", "--gold", Kit(), "--format", "negex", "--json", json, "--report", report);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("6 gold mentions").And.Contain("1 document(s) have no gold mention");
        var a = JsonNode.Parse(File.ReadAllText(json))!["assertions"]!;
        foreach (var flag in new[] { "negated", "historical", "hypothetical", "family" })
        {
            a[flag]!["precision"].Should().NotBeNull();
            a[flag]!["recall"].Should().NotBeNull();
            a[flag]!["f1"].Should().NotBeNull();
        }
        ((int)a["negated"]!["tp"]!).Should().Be(2);
        ((double)a["negated"]!["f1"]!).Should().Be(1.0);
        a["temporality"]!["classes"]!["Not particular"].Should().NotBeNull();
        a["experiencer"]!["classes"]!["Family member"].Should().NotBeNull();
        File.ReadAllText(report).Should().Contain("id=\"matrix-temporality\"").And.Contain("id=\"error-data\"");
    }

    [Fact]
    public void Negex_format_is_detected_without_format_option()
    {
        var run = CliRunner.Run("evaluate", "--gold", Kit());
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("Assertions on 6 gold mentions");
    }

    [Fact]
    public void Other_gold_without_predictions_is_bad_usage_naming_both_options()
    {
        var gold = Corpora.WriteJsonl(_dir.File("g.jsonl"), [new AnnotatedDocument(new Document("d", "x"))]);
        var run = CliRunner.Run("evaluate", "--gold", gold);
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("--pred").And.Contain("--model");
    }

    [Fact]
    public void Custom_rules_are_scored_and_checked_strictly()
    {
        var rules = _dir.File("rules.json");
        File.WriteAllText(rules, """{ "format": "asclepius-context-rules", "version": 1, "rules": [ { "literal": "denies", "category": "negated", "direction": "forward" } ] }""");
        var json = _dir.File("r.json");
        CliRunner.Run("evaluate", "--gold", Kit(), "--rules", rules, "--json", json).ExitCode.Should().Be(0);
        ((int)JsonNode.Parse(File.ReadAllText(json))!["assertions"]!["negated"]!["tp"]!).Should().Be(1, "only 'denies' is a trigger now");

        File.WriteAllText(rules, """{ "format": "asclepius-context-rules", "version": 1, "rules": [ { "literal": "denies", "category": "negated", "direction": "forwards" } ] }""");
        var bad = CliRunner.Run("evaluate", "--gold", Kit(), "--rules", rules);
        bad.ExitCode.Should().Be(1);
        bad.Error.Should().Contain("ATM203").And.Contain("rules[0]").And.Contain("forwards");
    }

    [Fact]
    public void Negex_gold_with_a_model_scores_the_package_rules()
    {
        var model = _dir.File("ctx.zip");
        ClinicalContext.AddTo(new ModelPackageBuilder("ctx", LabelSchema.FromLabels(["Condition"]))).Save(model);
        var json = _dir.File("r.json");
        var run = CliRunner.Run("evaluate", "--gold", Kit(), "--model", model, "--json", json);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("ctx ");
        JsonNode.Parse(File.ReadAllText(json))!["scored_with"]!.AsArray().Select(k => (string)k!).Should().Equal("Sections.Rules.v1", "Context.Rules.v1");
    }

    [Fact]
    public void Predicted_corpus_with_flags_gets_assertion_scores_on_shared_mentions()
    {
        var text = "No fever. Cough.";
        Entity E(int s, int e, Assertions a = Assertions.None) => new($"T{s}", new TextSpan(s, e), "Problem", Assertions: a);
        var gold = Corpora.WriteJsonl(_dir.File("g.jsonl"), [new AnnotatedDocument(new Document("d1", text), [E(3, 8, Assertions.Negated), E(10, 15)])]);
        var pred = Corpora.WriteJsonl(_dir.File("p.jsonl"), [new AnnotatedDocument(new Document("d1", text), [E(3, 8), E(10, 15)])]);
        var json = _dir.File("r.json");
        var report = _dir.File("r.html");
        var run = CliRunner.Run("evaluate", "--gold", gold, "--pred", pred, "--json", json, "--report", report);
        run.ExitCode.Should().Be(0, run.ToString());
        var root = JsonNode.Parse(File.ReadAllText(json))!;
        root["entities"].Should().NotBeNull();
        ((int)root["assertions"]!["negated"]!["fn"]!).Should().Be(1);
        File.ReadAllText(report).Should().Contain("assertion-negated");
    }
}
