namespace Asclepius.TextMining.Pipeline.Linking;

/// <summary>One label's scope in linker.json as read; the order of the members is the order the allowed keys are listed in.</summary>
internal sealed record LabelScopeJson(IReadOnlyList<string?>? Domains, IReadOnlyList<string?>? Vocabularies);
