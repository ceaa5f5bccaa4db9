using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Core.Evaluation;

/// <summary>
/// The JSON form of evaluation results. Layout (keys in this order; scores are fractions in [0, 1]):
/// <code>
/// {"entities":  {"micro": PRF, "macro": MACRO, "labels": {"Chemical": PRF, ...},
///                "lenient": {"micro": PRF, "macro": MACRO, "labels": {...}}},
///  "relations": {"micro": PRF, "macro": MACRO, "labels": {...},
///                "document_level": {"micro": PRF, "macro": MACRO, "labels": {...}}}}
/// PRF   = {"precision", "recall", "f1", "tp", "fp", "fn"}
/// MACRO = {"precision", "recall", "f1", "labels": number of labels averaged}
/// </code>
/// "relations" is absent when neither corpus has relations. The root is a <see cref="JsonObject"/> so that
/// other scorers add their own sections beside these (e.g. root["assertions"] = ...) before writing.
/// </summary>
public static class EvaluationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject ToJson(EvaluationResult result)
    {
        var entities = ToJson(result.Entities.Strict);
        entities["lenient"] = ToJson(result.Entities.Lenient);
        var root = new JsonObject { ["entities"] = entities };
        if (result.Relations is { } relations) root["relations"] = ToJson(relations);
        return root;
    }

    /// <summary>Strict (mention-level) scores at the top, document-level scores under "document_level".</summary>
    public static JsonObject ToJson(RelationScores relations)
    {
        var rel = ToJson(relations.Strict);
        rel["document_level"] = ToJson(relations.DocumentLevel);
        return rel;
    }

    public static JsonObject ToJson(ScoreTable table)
    {
        var labels = new JsonObject();
        foreach (var (label, score) in table.Labels) labels[label] = ToJson(score);
        return new JsonObject
        {
            ["micro"] = ToJson(table.Micro),
            ["macro"] = ToJson(table.Macro),
            ["labels"] = labels,
        };
    }

    public static JsonObject ToJson(PrfScore score) => new()
    {
        ["precision"] = score.Precision,
        ["recall"] = score.Recall,
        ["f1"] = score.F1,
        ["tp"] = score.TruePositives,
        ["fp"] = score.FalsePositives,
        ["fn"] = score.FalseNegatives,
    };

    public static JsonObject ToJson(MacroScore score) => new()
    {
        ["precision"] = score.Precision,
        ["recall"] = score.Recall,
        ["f1"] = score.F1,
        ["labels"] = score.Labels,
    };

    public static string ToText(JsonNode root) => root.ToJsonString(Indented);

    /// <summary>Writes the document (UTF-8, no BOM, indented, final newline), creating the folder if needed.</summary>
    public static void Write(JsonNode root, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToText(root) + "\n", new UTF8Encoding(false));
    }
}
