using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asclepius.TextMining.Encoders.Bert;

/// <summary>
/// <see cref="BertConfig"/> as a Hugging Face config.json: the keys a BERT checkpoint's config.json uses, so a
/// package's encoder.json and a user's Hugging Face folder are read by the same code. Keys the encoder does not
/// use (architectures, ...) are ignored; settings it cannot honour are refused. The dropout rates (used only while
/// fine-tuning) default to BERT's 0.1 when a file lacks them (packages written before they were recorded).
/// </summary>
public static class BertConfigJson
{
    public static string Write(BertConfig config) => new JsonObject
    {
        ["model_type"] = "bert",
        ["vocab_size"] = config.VocabularySize,
        ["hidden_size"] = config.HiddenSize,
        ["num_hidden_layers"] = config.Layers,
        ["num_attention_heads"] = config.Heads,
        ["intermediate_size"] = config.IntermediateSize,
        ["max_position_embeddings"] = config.MaxPositions,
        ["type_vocab_size"] = config.TypeVocabularySize,
        ["layer_norm_eps"] = config.LayerNormEps,
        ["hidden_dropout_prob"] = config.HiddenDropout,
        ["attention_probs_dropout_prob"] = config.AttentionDropout,
        ["hidden_act"] = "gelu",
        ["position_embedding_type"] = "absolute",
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Reads a config.json; throws <see cref="InvalidDataException"/> naming <paramref name="location"/> and the key.</summary>
    public static BertConfig Read(string json, string location)
    {
        JsonObject node;
        try
        {
            node = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{location}: not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{location}: not valid JSON ({ex.Message})", ex);
        }
        int Int(string key) => node[key] is JsonValue v && v.TryGetValue<int>(out var i) && i > 0
            ? i
            : throw new InvalidDataException($"{location}: '{key}' must be a positive integer");
        double Rate(string key) => !node.ContainsKey(key) ? 0.1
            : node[key] is JsonValue v && v.TryGetValue<double>(out var r) && r is >= 0 and < 1
                ? r
                : throw new InvalidDataException($"{location}: '{key}' must be a number in [0, 1)");
        string? Text(string key) => node[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (Text("hidden_act") is { } act && act is not ("gelu" or "gelu_python"))
            throw new InvalidDataException($"{location}: hidden_act '{act}' is not supported (the encoder uses exact GELU)");
        if (Text("position_embedding_type") is { } pos && pos != "absolute")
            throw new InvalidDataException($"{location}: position_embedding_type '{pos}' is not supported (absolute only)");
        if (Text("model_type") is { } type && type != "bert")
            throw new InvalidDataException($"{location}: model_type '{type}' is not a BERT encoder");
        var config = new BertConfig
        {
            VocabularySize = Int("vocab_size"),
            HiddenSize = Int("hidden_size"),
            Layers = Int("num_hidden_layers"),
            Heads = Int("num_attention_heads"),
            IntermediateSize = Int("intermediate_size"),
            MaxPositions = Int("max_position_embeddings"),
            TypeVocabularySize = node.ContainsKey("type_vocab_size") ? Int("type_vocab_size") : 2,
            LayerNormEps = node["layer_norm_eps"] is JsonValue eps && eps.TryGetValue<double>(out var e) ? e : 1e-12,
            HiddenDropout = Rate("hidden_dropout_prob"),
            AttentionDropout = Rate("attention_probs_dropout_prob"),
        };
        if (config.HiddenSize % config.Heads != 0)
            throw new InvalidDataException($"{location}: hidden_size {config.HiddenSize} is not a multiple of num_attention_heads {config.Heads}");
        return config;
    }
}
