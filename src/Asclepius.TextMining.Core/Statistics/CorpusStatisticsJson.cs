using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Core.Statistics;

/// <summary>
/// The JSON form of <see cref="CorpusStatistics"/>:
/// <code>
/// {"documents", "sentences", "tokens", "entities": {label: count}, "relations": {label: count},
///  "misaligned", "overlapping", "empty", "problems",
///  "alignment_examples": [{"document", "entity", "start", "end", "label", "kind"}]}
/// </code>
/// "problems" counts the records a lenient read skipped.
/// </summary>
public static class CorpusStatisticsJson
{
    public static JsonObject ToJson(CorpusStatistics s)
    {
        var entities = new JsonObject();
        foreach (var (label, n) in s.Entities) entities[label] = n;
        var relations = new JsonObject();
        foreach (var (label, n) in s.Relations) relations[label] = n;
        var examples = new JsonArray();
        foreach (var e in s.AlignmentExamples)
        {
            examples.Add(new JsonObject
            {
                ["document"] = e.DocumentId,
                ["entity"] = e.EntityId,
                ["start"] = e.Span.Start,
                ["end"] = e.Span.End,
                ["label"] = e.Label,
                ["kind"] = e.Kind.ToString().ToLowerInvariant(),
            });
        }
        return new JsonObject
        {
            ["documents"] = s.Documents,
            ["sentences"] = s.Sentences,
            ["tokens"] = s.Tokens,
            ["entities"] = entities,
            ["relations"] = relations,
            ["misaligned"] = s.Misaligned,
            ["overlapping"] = s.Overlapping,
            ["empty"] = s.Empty,
            ["problems"] = s.ReadProblems,
            ["alignment_examples"] = examples,
        };
    }
}
