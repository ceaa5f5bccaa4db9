using System.Text.Json;

namespace Asclepius.TextMining.Generation.Offline;

/// <summary>
/// One label's entry of a compose file as read by System.Text.Json (<see cref="NameComposer.Load"/>): the serializer
/// refuses unknown and duplicate keys and lists the allowed ones. The values stay raw JSON and are checked by
/// NameComposer, because their errors are worded for this file ("'count' must be an integer", "parts[0] must be a
/// non-empty array of strings") where the serializer would say "a whole number" or point into the inner array.
/// </summary>
internal sealed record ComposeSpecJson(JsonElement Count, JsonElement Seed, JsonElement Parts);
