namespace Asclepius.TextMining.Generation.Prompts;

/// <summary>data/styles/styles.json as read by <see cref="StyleCatalog"/>; values are checked after reading.</summary>
internal sealed record StylesJson(IReadOnlyList<StyleJson?>? Styles);
