using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Generation.Contracts;
using Asclepius.TextMining.Generation.Validation;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>
/// Reads a generation answer, {"sentences":[{"text","entities":[{"text","label"}],"relations":[{"label","head","tail"}]}]},
/// into candidates. A top-level array of sentences is accepted too. Wrong types are not coerced: a
/// sentence with no string text, or an entity without string text and label, is "malformed_sample";
/// an answer with no readable JSON is "malformed_json" ("truncated_answer" when the model ran out of
/// tokens, "refusal" or "empty" when that is what it is). Relation heads and tails are entity indexes;
/// an entity's exact text is accepted in their place. Entity "start"/"end" are kept when integers
/// (the validator checks them). Extra keys are ignored. Reasoning preambles (&lt;think&gt;…) are removed
/// first; an answer with no sentence at all is "empty_answer".
/// </summary>
public static class AnswerParser
{
    public static ParsedAnswer Parse(ChatAnswer answer)
    {
        var rejected = new Dictionary<string, int>();
        if (!string.IsNullOrEmpty(answer.Refusal)) return Reject(DropReasons.Refusal);
        if (answer.FinishReason == "content_filter") return Reject(DropReasons.ContentFilter);
        if (string.IsNullOrWhiteSpace(answer.Content)) return Reject(DropReasons.Empty);

        var content = ReasoningPreamble.Strip(answer.Content);
        // The first JSON in the answer shaped like one (an object quoted in prose before it is passed over).
        JsonArray? sentences = JsonExtractor.AllJson(content).Select(root => root switch
        {
            JsonArray a => a,
            JsonObject o when o["sentences"] is JsonArray a => a,
            _ => null,
        }).FirstOrDefault(a => a is not null);
        if (sentences is null)
        {
            if (RefusalDetector.IsRefusal(content)) return Reject(DropReasons.Refusal);
            return Reject(answer.FinishReason == "length" ? DropReasons.TruncatedAnswer : DropReasons.MalformedJson);
        }
        if (sentences.Count == 0) return Reject(DropReasons.EmptyAnswer);

        var samples = new List<CandidateSample>();
        foreach (var node in sentences)
        {
            var sample = ReadSentence(node);
            if (sample is null) Count(rejected, DropReasons.MalformedSample);
            else samples.Add(sample);
        }
        return new ParsedAnswer(samples, rejected);

        ParsedAnswer Reject(string reason) => new(Array.Empty<CandidateSample>(), new Dictionary<string, int> { [reason] = 1 });
    }

    private static CandidateSample? ReadSentence(JsonNode? node)
    {
        if (node is not JsonObject s || !TryString(s["text"], out var text)) return null;
        var entities = new List<CandidateEntity>();
        if (s["entities"] is JsonArray ents)
        {
            foreach (var e in ents)
            {
                if (e is not JsonObject eo || !TryString(eo["text"], out var et) || !TryString(eo["label"], out var label)) return null;
                entities.Add(new CandidateEntity(et, label, TryInt(eo["start"]), TryInt(eo["end"])));
            }
        }
        else if (s["entities"] is not null) return null;

        var relations = new List<CandidateRelation>();
        if (s["relations"] is JsonArray rels)
        {
            foreach (var r in rels)
            {
                if (r is not JsonObject ro || !TryString(ro["label"], out var label)) return null;
                var head = EntityIndex(ro["head"], entities);
                var tail = EntityIndex(ro["tail"], entities);
                if (head is null || tail is null) return null;
                relations.Add(new CandidateRelation(label, head.Value, tail.Value));
            }
        }
        else if (s["relations"] is not null) return null;

        return new CandidateSample(text, entities, relations);
    }

    private static int? EntityIndex(JsonNode? node, List<CandidateEntity> entities)
    {
        if (TryInt(node) is { } i) return i;
        if (TryString(node, out var s))
        {
            if (int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
            var at = entities.FindIndex(e => e.Text == s);
            return at >= 0 ? at : -1; // -1: the validator drops it as a dangling relation
        }
        return null;
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) { value = v.GetValue<string>(); return true; }
        return false;
    }

    private static int? TryInt(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) ? i
        : node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue(out double x) && x == Math.Floor(x) && x is >= int.MinValue and <= int.MaxValue ? (int)x
        : null;

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
