using Asclepius.TextMining.Core.Documents;

namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// One rule of a <see cref="ContextRuleSet"/>: a literal phrase matched on token boundaries, case-insensitive
/// ("h/o" matches the tokens "h" "/" "o"). <see cref="Index"/> is its position in the file, for messages.
/// <see cref="MaxScope"/> overrides the rule set's maximum scope (in words). <see cref="Terminates"/> is
/// the set of categories a terminate rule ends (all five when the file does not say).
/// <see cref="AllowedLabels"/>/<see cref="ExcludedLabels"/> restrict which entity labels the rule modifies.
/// </summary>
public sealed record ContextRule(
    int Index,
    string Literal,
    IReadOnlyList<string> Tokens,
    ContextCategory Category,
    ContextDirection Direction,
    int? MaxScope,
    IReadOnlySet<ContextCategory> Terminates,
    IReadOnlySet<string>? AllowedLabels,
    IReadOnlySet<string>? ExcludedLabels)
{
    /// <summary>The assertion flag this rule sets, or None for pseudo and terminate rules.</summary>
    public Assertions Flag => Category switch
    {
        ContextCategory.Negated => Assertions.Negated,
        ContextCategory.Uncertain => Assertions.Uncertain,
        ContextCategory.Historical => Assertions.Historical,
        ContextCategory.Hypothetical => Assertions.Hypothetical,
        ContextCategory.Family => Assertions.Family,
        _ => Assertions.None,
    };

    public bool IsTrigger => Flag != Assertions.None;

    public bool AppliesTo(string label) =>
        (AllowedLabels is null || AllowedLabels.Contains(label)) && (ExcludedLabels is null || !ExcludedLabels.Contains(label));
}
