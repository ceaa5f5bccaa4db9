using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// One line of a template file as read by System.Text.Json (<see cref="TemplateParser.ParseLine"/>): every key is
/// required (even "relation", which may be null), no other key is allowed. Values are checked after reading.
/// </summary>
[Description("template")]
internal sealed record TemplateJson
{
    [JsonRequired] public string? Id { get; init; }
    [JsonRequired] public string? Schema { get; init; }
    [JsonRequired] public string? Style { get; init; }
    [JsonRequired] public string? Relation { get; init; }
    [JsonRequired] public string? Text { get; init; }
    [JsonRequired] public IReadOnlyList<TemplateRelationJson?>? Relations { get; init; }
    [JsonRequired] public string? Context { get; init; }
}
