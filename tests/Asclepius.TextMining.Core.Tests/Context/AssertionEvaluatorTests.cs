using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Context.Evaluation;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Sections;

namespace Asclepius.TextMining.Core.Tests.Context;

public sealed class AssertionEvaluatorTests
{
    private static AnnotatedDocument Doc(string id, Assertions gold, Dictionary<string, string>? meta = null) =>
        new(new Document(id, "No fever.", meta), [new Entity("T1", new TextSpan(3, 8), "Problem", Assertions: gold)]);

    [Fact]
    public void Flags_are_counted_per_mention_and_errors_name_the_flag()
    {
        var e = new AssertionEvaluator();
        var a = Doc("a", Assertions.Negated);
        var b = Doc("b", Assertions.None);
        e.Add(a, a.Entities[0], Assertions.Negated);
        e.Add(b, b.Entities[0], Assertions.Negated | Assertions.Historical);
        var s = e.Result();
        s.Mentions.Should().Be(2);
        s.Flags[Assertions.Negated].Should().Be(new FlagScore(1, 1, 0, 0));
        s.Flags[Assertions.Negated].Precision.Should().Be(0.5);
        s.Flags[Assertions.Family].F1.Should().Be(0, "no support and no prediction is 0 by the project's convention");
        s.Errors.Select(x => (x.DocumentId, x.Flag, x.FalsePositive)).Should().BeEquivalentTo([("b", Assertions.Negated, true), ("b", Assertions.Historical, true)]);
        s.Negation.Accuracy.Should().Be(0.5);
        s.Temporality.Confusion[("Recent", "Historical")].Should().Be(1);
    }

    [Fact]
    public void Raw_kit_labels_define_the_gold_class_so_other_experiencers_count()
    {
        var e = new AssertionEvaluator();
        var d = Doc("a", Assertions.None, new() { ["experiencer"] = "Other", ["temporality"] = "Not particular" });
        e.Add(d, d.Entities[0], Assertions.None);
        var s = e.Result();
        s.Experiencer.Confusion[("Other", "Patient")].Should().Be(1);
        s.Temporality.Confusion[("Not particular", "Recent")].Should().Be(1);
        var json = s.ToJson();
        json["negated"]!["f1"].Should().NotBeNull();
        json["experiencer"]!["classes"]!["Other"]!["support"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void Run_strips_gold_flags_before_the_rules_see_the_mentions()
    {
        var doc = new AnnotatedDocument(new Document("a", "Cough today."), [new Entity("T1", new TextSpan(0, 5), "Problem", Assertions: Assertions.Negated, Section: "plan")]);
        var s = AssertionEvaluator.Run([doc], [SectionAnnotator.Default, ContextAnnotator.Default]);
        s.Flags[Assertions.Negated].FalseNegatives.Should().Be(1, "the gold flag must not leak into the prediction");
    }
}
