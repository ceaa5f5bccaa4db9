using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Schema;

namespace Asclepius.TextMining.Generation.Llm;

/// <summary>The JSON schemas sent as response_format json_schema (strict: every key required, no extras). Labels are enums, so a strict endpoint cannot answer an unknown label.</summary>
public static class AnswerSchemas
{
    public const string GenerationName = "synthetic_sentences";
    public const string VerifyName = "label_verdicts";

    public static BinaryData Generation(LabelSchema schema)
    {
        var entityLabel = new JsonObject { ["type"] = "string", ["enum"] = Strings(schema.EntityLabels) };
        var relationLabel = schema.Relations.Count > 0
            ? new JsonObject { ["type"] = "string", ["enum"] = Strings(schema.RelationLabels) }
            : new JsonObject { ["type"] = "string" };
        var root = Obj(new()
        {
            ["sentences"] = Arr(Obj(new()
            {
                ["text"] = new JsonObject { ["type"] = "string" },
                ["entities"] = Arr(Obj(new() { ["text"] = new JsonObject { ["type"] = "string" }, ["label"] = entityLabel })),
                ["relations"] = Arr(Obj(new()
                {
                    ["label"] = relationLabel,
                    ["head"] = new JsonObject { ["type"] = "integer" },
                    ["tail"] = new JsonObject { ["type"] = "integer" },
                })),
            })),
        });
        return BinaryData.FromString(root.ToJsonString());
    }

    public static BinaryData Verify()
    {
        var root = Obj(new()
        {
            ["sentences"] = Arr(Obj(new()
            {
                ["index"] = new JsonObject { ["type"] = "integer" },
                ["entities"] = Arr(new JsonObject { ["type"] = "boolean" }),
                ["relations"] = Arr(new JsonObject { ["type"] = "boolean" }),
            })),
        });
        return BinaryData.FromString(root.ToJsonString());
    }

    private static JsonObject Obj(Dictionary<string, JsonNode> properties)
    {
        var props = new JsonObject();
        foreach (var (k, v) in properties) props[k] = v;
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = Strings(properties.Keys),
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Arr(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
