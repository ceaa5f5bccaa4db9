using System.Text.Json;
using System.Text.Json.Nodes;
using Asclepius.TextMining.Core.Errors;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// A backend's options.json (snake_case keys, enums as snake_case strings): missing keys keep their defaults, so
/// older files load; unknown keys are errors that list the allowed ones.
/// </summary>
public static class OptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write<T>(T options) => JsonSerializer.Serialize(options, Json);

    /// <param name="what">Names the backend in errors ("BiLSTM-CRF").</param>
    public static T Read<T>(string json, string location, string what)
    {
        try
        {
            var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
            var known = typeof(T).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToHashSet();
            var unknown = node.Select(p => p.Key).Where(k => !known.Contains(k)).ToArray();
            if (unknown.Length > 0)
                throw new TextMiningException(ErrorCodes.PackageMalformed,
                    $"unknown {what} option(s) {string.Join(", ", unknown)}; allowed: {string.Join(", ", known.Order())}", location);
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{what} options are malformed: {ex.Message}", location, ex);
        }
    }
}
