using System.Text.Json.Nodes;
using Asclepius.TextMining.Cli.Reports;
using Asclepius.TextMining.Core.Context;
using Asclepius.TextMining.Core.Context.Evaluation;
using Asclepius.TextMining.Core.Documents;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.Core.Text;

namespace Asclepius.TextMining.Cli.Tests.Reports;

/// <summary>A report over the demo notes with a made-up prediction: one missed mention, one spurious, one wrong label, assertion mistakes, and a curve.</summary>
public static class ReportFixtures
{
    public static (EvaluationReport Report, int Errors) Build()
    {
        var gold = DemoNotes.Seed().Select(d => d with { Relations = [] }).ToArray();
        var pred = gold.Select(d =>
        {
            var ents = d.Entities.ToList();
            if (d.Id == "note-001") ents.RemoveAt(2);                                        // FN: dyspnea
            if (d.Id == "note-002") ents.Add(new Entity("X1", new TextSpan(d.Text.IndexOf("right base", StringComparison.Ordinal), d.Text.IndexOf("right base", StringComparison.Ordinal) + 10), "Problem")); // FP
            if (d.Id == "note-003") ents[4] = ents[4] with { Label = "Procedure" };          // label: Levetiracetam
            return d with { Entities = ents };
        }).ToArray();
        var pairs = DocumentPairing.Pair(gold, pred);
        var result = CorpusEvaluator.Evaluate(pairs);

        // Assertions: gold flags are the rules' flags, except two we pretend the rules got wrong.
        var evaluator = new AssertionEvaluator();
        foreach (var d in gold)
            foreach (var e in d.Entities)
            {
                var predicted = e.Assertions;
                if (d.Id == "note-002" && e.Label == "Problem" && d.TextOf(e) == "Cough") predicted |= Assertions.Negated;
                if (d.Id == "note-006" && d.TextOf(e) == "breast cancer") predicted &= ~Assertions.Family;
                evaluator.Add(d, e, predicted);
            }
        var curve = TrainingCurveReader.Find(JsonNode.Parse("""
            { "history": [ {"epoch":1,"loss":41.2,"dev_f1":0.52}, {"epoch":2,"loss":22.8,"dev_f1":0.68}, {"epoch":3,"loss":15.1,"dev_f1":0.74},
                           {"epoch":4,"loss":11.0,"dev_f1":0.77}, {"epoch":5,"loss":8.9,"dev_f1":0.78}, {"epoch":6,"loss":7.7,"dev_f1":0.785} ] }
            """)!, "metrics.json");
        var report = new EvaluationReportBuilder("Evaluation: demo notes")
            .Fact("gold", "demo-gold.jsonl").Fact("predicted", "demo-pred.jsonl").Fact("documents", gold.Length.ToString())
            .AddEntities(pairs, result)
            .AddAssertions(evaluator.Result())
            .WithCurve(curve)
            .Build();
        return (report, report.Errors.Count);
    }
}
