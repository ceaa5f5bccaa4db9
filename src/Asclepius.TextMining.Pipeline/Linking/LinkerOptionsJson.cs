namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>linker.json as read by <see cref="LinkerOptions.Parse"/>; values are checked after reading.</summary>
internal sealed record LinkerOptionsJson(double? Threshold, Dictionary<string, LabelScopeJson?>? Labels);
