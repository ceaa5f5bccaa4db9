namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// A trigger found in a sentence and the tokens it governs. All indexes are positions within the
/// sentence's token list, half-open: the trigger is [Start, End), its scope [ScopeStart, ScopeEnd).
/// </summary>
public sealed record ContextModifier(ContextRule Rule, int Start, int End, int ScopeStart, int ScopeEnd)
{
    public bool Covers(int tokenStart, int tokenEnd) => tokenStart < ScopeEnd && ScopeStart < tokenEnd;
}
