using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>An entry of a template's "relations" as read by System.Text.Json: label, head and tail slots, all required.</summary>
[Description("relation")]
internal sealed record TemplateRelationJson
{
    [JsonRequired] public string? Label { get; init; }
    [JsonRequired] public string? Head { get; init; }
    [JsonRequired] public string? Tail { get; init; }
}
