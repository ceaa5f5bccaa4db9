namespace Asclepius.TextMining.Core.Context;

/// <summary>
/// What a ConText rule does. The first five set the matching <see cref="Documents.Assertions"/> flag on
/// entities in the trigger's scope; <see cref="Pseudo"/> phrases look like triggers but are not ("no
/// change", "gram negative") and hide the trigger words inside them; <see cref="Terminate"/> phrases end
/// the scope of triggers ("but", "however").
/// </summary>
public enum ContextCategory
{
    Negated,
    Uncertain,
    Historical,
    Hypothetical,
    Family,
    Pseudo,
    Terminate,
}
