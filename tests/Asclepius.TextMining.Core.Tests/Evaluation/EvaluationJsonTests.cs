using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Evaluation;
using Asclepius.TextMining.TestKit;

namespace Asclepius.TextMining.Core.Tests.Evaluation;

public class EvaluationJsonTests
{
    [Fact]
    public void Json_has_the_documented_layout()
    {
        var result = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.EditedPrediction());
        var json = JsonNode.Parse(EvaluationJson.ToText(EvaluationJson.ToJson(result)))!.AsObject();

        json.Select(kv => kv.Key).Should().Equal("entities", "relations");
        var entities = json["entities"]!.AsObject();
        entities.Select(kv => kv.Key).Should().Equal("micro", "macro", "labels", "lenient");
        entities["micro"]!.AsObject().Select(kv => kv.Key).Should().Equal("precision", "recall", "f1", "tp", "fp", "fn");
        entities["macro"]!.AsObject().Select(kv => kv.Key).Should().Equal("precision", "recall", "f1", "labels");
        entities["labels"]!.AsObject().Select(kv => kv.Key).Should().Equal("Chemical", "Disease");
        entities["lenient"]!.AsObject().Select(kv => kv.Key).Should().Equal("micro", "macro", "labels");
        json["relations"]!.AsObject().Select(kv => kv.Key).Should().Equal("micro", "macro", "labels", "document_level");

        entities["micro"]!["precision"]!.GetValue<double>().Should().Be(0.625);
        entities["micro"]!["tp"]!.GetValue<int>().Should().Be(5);
        entities["lenient"]!["micro"]!["f1"]!.GetValue<double>().Should().Be(0.75);
        json["relations"]!["document_level"]!["micro"]!["tp"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public void Other_scorers_can_add_sections_before_writing()
    {
        var result = CorpusEvaluator.Evaluate(EvaluationCorpus.Gold(), EvaluationCorpus.Gold());
        var root = EvaluationJson.ToJson(result);
        root["assertions"] = new JsonObject { ["Negated"] = EvaluationJson.ToJson(new PrfScore(1, 0, 0)) };

        var path = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}", "scores.json");
        try
        {
            EvaluationJson.Write(root, path);
            var back = JsonNode.Parse(File.ReadAllText(path))!;
            back["assertions"]!["Negated"]!["f1"]!.GetValue<double>().Should().Be(1.0);
            back["entities"]!["macro"]!["f1"]!.GetValue<double>().Should().Be(1.0);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }
}
