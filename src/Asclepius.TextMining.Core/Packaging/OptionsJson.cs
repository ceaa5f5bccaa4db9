using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Asclepius.TextMining.Core.Errors;
using Asclepius.TextMining.Core.Rules;

namespace Asclepius.TextMining.Core.Packaging;

/// <summary>
/// A backend's options.json (snake_case keys, enums as snake_case strings): missing keys keep their defaults, so
/// older files load; unknown and duplicate keys are refused by System.Text.Json itself
/// (<see cref="JsonUnmappedMemberHandling.Disallow"/>), and an unknown key's error lists the allowed ones.
/// </summary>
/// <remarks>
/// What the serializer does not say, kept here: its error names the unknown key but not the keys allowed, so the
/// allowed list comes from the serializer's own contract of <typeparamref name="T"/> (the names it would write). It
/// stops at the first unknown key, so the error names that one (the hand-written check this replaced named all).
/// </remarks>
public static class OptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static string Write<T>(T options) => JsonSerializer.Serialize(options, Json);

    /// <summary>The same JSON as <see cref="Write{T}"/>, as a node to embed in another document.</summary>
    public static JsonNode WriteNode<T>(T options) => JsonSerializer.SerializeToNode(options, Json)!;

    /// <param name="what">Names the backend in errors ("BiLSTM-CRF").</param>
    public static T Read<T>(string json, string location, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException ex) when (StrictJson.UnknownKey(ex) is { } key)
        {
            var allowed = Json.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name).Order();
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"unknown {what} option(s) {key}; allowed: {string.Join(", ", allowed)}", location, ex);
        }
        catch (JsonException ex)
        {
            throw new TextMiningException(ErrorCodes.PackageMalformed, $"{what} options are malformed: {ex.Message}", location, ex);
        }
    }
}
