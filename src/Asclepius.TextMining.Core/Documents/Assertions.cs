namespace Asclepius.TextMining.Core.Documents;

/// <summary>Assertion status of an entity (the ConText / medspaCy set). None means affirmed, present, about the patient.</summary>
[Flags]
public enum Assertions
{
    None = 0,
    Negated = 1,
    Uncertain = 2,
    Historical = 4,
    Hypothetical = 8,
    Family = 16,
}
