namespace Asclepius.TextMining.Pipeline.Dictionary;

/// <summary>The component file options.json of Ner.Dictionary.v1 as read by System.Text.Json (snake_case, unknown keys refused).</summary>
internal sealed record DictionaryOptionsJson(bool? CaseSensitive);
